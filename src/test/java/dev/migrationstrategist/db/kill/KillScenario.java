package dev.migrationstrategist.db.kill;

import dev.migrationstrategist.testing.TestDatabase;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One migration the kill tests drive: State A and its rows, the change in the planner's own phrase, what each app
 * version does, and what State B must hold. Rows are keyed {@code table:id}; their logical values are the columns
 * State B keeps for them, in the order {@link #finalRows} returns them.
 */
abstract class KillScenario {
    /** Short name for reports and file names, e.g. {@code rename-column}. */
    abstract String name();

    /** Whether the migration exists on the engine (PostgreSQL when {@code pg}); every scenario runs on both by default. */
    boolean runsOn(boolean pg) {
        return true;
    }

    /** State A as DDL, statements separated by {@code ;} at line ends. */
    abstract String schema(boolean pg);

    /**
     * The table sizes the plan is given ({@code --rows t=N}) for {@code rows} seeded rows; none by default, so every
     * table is of unknown size and takes the large-table path.
     */
    Map<String, Long> sizes(boolean pg, int rows) {
        return Map.of();
    }

    /** The change, as the planner's phrase. */
    abstract String change(boolean pg);

    /** Fills State A with {@code rows} rows (the main table; others in proportion). */
    abstract void seed(TestDatabase db, int rows);

    /** The seeded row's logical values in State B, or null when {@code key} was not seeded. */
    abstract List<Object> seeded(String key, int rows);

    /** Every seeded key. */
    abstract List<String> seededKeys(int rows);

    /** What app version {@code version} ("v1.0", "v1.1", ...) does. */
    abstract AppWriter.Version version(String version, boolean pg);

    /** State B's rows: key to logical values. */
    abstract Map<String, List<String>> finalRows(TestDatabase db);

    /**
     * State A's rows, keyed and in the same logical values as {@link #finalRows}, for the rollback variant; a
     * scenario without a rollback variant does not answer.
     */
    Map<String, List<String>> stateARows(TestDatabase db) {
        throw new UnsupportedOperationException(name() + " has no rollback kill test");
    }

    /**
     * For the rollback variant: lines of State A's catalog rendering that the plan's own rollback notes say come back
     * otherwise (State A line to the announced line); none by default.
     */
    Map<String, String> announcedAfterRollback(boolean pg) {
        return Map.of();
    }

    /**
     * PostgreSQL schemas besides the test's own that State A creates (its DDL says {@code CREATE SCHEMA}): the end
     * checks read their tables and look for leftovers there too, and the harness drops them after each pass.
     */
    List<String> otherSchemas() {
        return List.of();
    }

    /** A table's key column (the lock-wait variant row-locks its smallest key; the self-check deletes by it). */
    String key(String table) {
        return "id";
    }

    /** The tables of State A (the lock-wait variant locks them all). */
    abstract List<String> tables();

    /** A writer error the plan announces to the application (so it is not a failure). */
    boolean announced(SQLException e, boolean pg) {
        return false;
    }

    /**
     * For {@code -Dkilltest.selfcheck=true}: the table a seeded row is deleted from, and the table and text column
     * of a seeded row that gets a value nobody wrote.
     */
    String[] selfcheck() {
        return new String[] {tables().get(0), tables().get(0), "name"};
    }

    /** Further checks of State B; each returned line is a failure. */
    List<String> extraChecks(TestDatabase db) {
        return List.of();
    }

    /** Further checks of State A after the rollback variant; {@link #extraChecks} by default. */
    List<String> extraChecksAfterRollback(TestDatabase db) {
        return extraChecks(db);
    }

    /**
     * Seeded rows have the ids 10, 20, ... 10 * rows; the application inserts the ids in between, in ascending
     * order ({@link AppWriter.Ctx#newId}), so a backfill never chases the inserts beyond the last seeded key and every
     * run has the same batches (kill points stay comparable from run to run).
     */
    static boolean seededId(long id, int rows) {
        return id % 10 == 0 && id >= 10 && id <= 10L * rows;
    }

    static String series(TestDatabase db, int rows) {
        return db.family().equals("postgresql") ? "generate_series(1, " + rows + ") AS s(g)" : "seq_1_to_" + rows;
    }

    /** The series' value column: {@code g} on PostgreSQL, {@code seq} on MariaDB. */
    static String g(TestDatabase db) {
        return db.family().equals("postgresql") ? "g" : "CAST(seq AS SIGNED)";
    }

    static String concat(TestDatabase db, String... parts) {
        return db.family().equals("postgresql") ? "(" + String.join(" || ", parts) + ")"
                : "CONCAT(" + String.join(", ", parts) + ")";
    }

    /** Rows of a query whose first column is the id, keyed {@code table:id}. */
    static Map<String, List<String>> keyed(TestDatabase db, String table, String query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (List<String> row : db.rows(query)) {
            out.put(table + ":" + row.get(0), new ArrayList<>(row.subList(1, row.size())));
        }
        return out;
    }

    static long id(String key) {
        return Long.parseLong(key.substring(key.indexOf(':') + 1));
    }

    static String table(String key) {
        return key.substring(0, key.indexOf(':'));
    }

    /** The seeded keys of a table: ids 10 * from .. 10 * to. */
    static List<String> keys(String table, long from, long to) {
        List<String> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(table + ":" + 10 * i);
        }
        return out;
    }

    @Override
    public String toString() {
        return name();
    }
}
