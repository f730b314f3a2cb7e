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

    /** One bound parameter: which key parameter, and which column of a composite key (0 for a one-column key). */
    public record Slot(Param param, int part) {
    }

    /** A key parameter's text for one column of a composite key: {@code :last_id_2}, or {@code ?}. */
    public String of(Param param, int part, int columns) {
        if (columns == 1 || jdbc) {
            return of(param);
        }
        return of(param) + "_" + (part + 1);
    }

    /**
     * {@code key > :last_id AND key <= :next_id} over the key's columns, in the comparison the statement carries
     * (null for a one-column key).
     */
    public String range(java.util.List<String> keys, KeyComparison comparison) {
        if (keys.size() == 1) {
            return range(keys.get(0));
        }
        return lowerBound(keys, comparison) + " AND " + bound(keys, comparison, Param.NEXT_ID, "<", true);
    }

    /** {@code key > :last_id} over the key's columns ({@code >=} for the first batch). */
    public String lowerBound(java.util.List<String> keys, KeyComparison comparison) {
        if (keys.size() == 1) {
            return lowerBound(keys.get(0));
        }
        return bound(keys, comparison, Param.LAST_ID, ">", firstBatch);
    }

    /** The slots {@link #range(java.util.List, KeyComparison)} binds, in the order its text holds them. */
    public static java.util.List<Slot> rangeSlots(int columns, KeyComparison comparison) {
        java.util.List<Slot> out = new java.util.ArrayList<>(boundSlots(columns, comparison, Param.LAST_ID));
        out.addAll(boundSlots(columns, comparison, Param.NEXT_ID));
        return out;
    }

    /** The slots {@link #lowerBound(java.util.List, KeyComparison)} binds. */
    public static java.util.List<Slot> lowerBoundSlots(int columns, KeyComparison comparison) {
        return boundSlots(columns, comparison, Param.LAST_ID);
    }

    private String bound(java.util.List<String> keys, KeyComparison comparison, Param param, String strict,
                         boolean inclusive) {
        int n = keys.size();
        if (comparison == KeyComparison.ROW_VALUE) {
            java.util.List<String> values = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                values.add(of(param, i, n));
            }
            return "(" + String.join(", ", keys) + ") " + strict + (inclusive ? "= " : " ") + "("
                    + String.join(", ", values) + ")";
        }
        // k1 >= v1 AND (k1 > v1 OR k2 >= v2 AND (k2 > v2 OR k3 > v3)): a range on the first column
        String out = keys.get(n - 1) + " " + strict + (inclusive ? "= " : " ") + of(param, n - 1, n);
        for (int i = n - 2; i >= 0; i--) {
            String v = of(param, i, n);
            out = keys.get(i) + " " + strict + "= " + v + " AND (" + keys.get(i) + " " + strict + " " + v + " OR "
                    + out + ")";
        }
        return "(" + out + ")";
    }

    private static java.util.List<Slot> boundSlots(int columns, KeyComparison comparison, Param param) {
        java.util.List<Slot> out = new java.util.ArrayList<>();
        if (columns == 1) {
            out.add(new Slot(param, 0));
        } else if (comparison == KeyComparison.ROW_VALUE) {
            for (int i = 0; i < columns; i++) {
                out.add(new Slot(param, i));
            }
        } else {
            for (int i = 0; i < columns - 1; i++) {
                out.add(new Slot(param, i));
                out.add(new Slot(param, i));
            }
            out.add(new Slot(param, columns - 1));
        }
        return out;
    }

    /** The comparison of a key with {@code more} columns after its first: required for a composite key, else null. */
    public static KeyComparison checkComparison(java.util.List<?> more, KeyComparison comparison) {
        if (more.isEmpty()) {
            return null;
        }
        if (comparison == null) {
            throw new IllegalArgumentException("a composite key needs its comparison (row_value or expanded)");
        }
        return comparison;
    }
}
