package dev.migrationstrategist.statement;

/**
 * How a backfill statement's key-range parameters are written when it is rendered.
 *
 * @param jdbc       {@code ?} for each parameter (apply binds them); else the named placeholders {@code :last_id},
 *                   {@code :next_id}, {@code :batch_size} (the reports and the plan file)
 * @param firstBatch the lower bound includes {@code :last_id} ({@code key >= :last_id}): the first batch starts at the
 *                   smallest key itself
 * @param variables  when not null, each parameter is written as a variable of a stored procedure: this prefix and
 *                   the parameter's name ({@code v_last_id}); the Flyway export's backfill procedure uses it
 */
public record KeyParameters(boolean jdbc, boolean firstBatch, String variables) {
    public KeyParameters(boolean jdbc, boolean firstBatch) {
        this(jdbc, firstBatch, null);
    }

    /** Each parameter as the procedure variable {@code prefix + name}. */
    public static KeyParameters variables(String prefix, boolean firstBatch) {
        return new KeyParameters(false, firstBatch, prefix);
    }

    /** What the reports and the plan file show. */
    public static final KeyParameters NAMED = new KeyParameters(false, false);
    /** A batch (or its next-key query) after the first, as apply prepares it. */
    public static final KeyParameters JDBC = new KeyParameters(true, false);
    /** The first batch (or its next-key query), from the smallest key, as apply prepares it. */
    public static final KeyParameters JDBC_FIRST = new KeyParameters(true, true);

    /** The parameters a backfill statement binds. */
    public enum Param {
        /** The key the previous batch ended at (the smallest key for the first batch). */
        LAST_ID("last_id"),
        /** The key this batch ends at, included. */
        NEXT_ID("next_id"),
        /** How many keys a batch covers. */
        BATCH_SIZE("batch_size");

        private final String placeholder;

        Param(String placeholder) {
            this.placeholder = placeholder;
        }

        /** The named placeholder: {@code :last_id}. */
        public String named() {
            return ":" + placeholder;
        }

        /** The bare name: {@code last_id}. */
        public String bare() {
            return placeholder;
        }
    }

    /** The text of a parameter. */
    public String of(Param param) {
        return jdbc ? "?" : variables != null ? variables + param.bare() : param.named();
    }

    /** {@code key > :last_id AND key <= :next_id}, with {@code >=} for the first batch. */
    public String range(String key) {
        return lowerBound(key) + " AND " + key + " <= " + of(Param.NEXT_ID);
    }

    /** {@code key > :last_id}, with {@code >=} for the first batch. */
    public String lowerBound(String key) {
        return key + (firstBatch ? " >= " : " > ") + of(Param.LAST_ID);
    }
}
