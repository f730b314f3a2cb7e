package dev.migrationstrategist.statement;

/**
 * How a keyset backfill over a composite key compares a row's key with the cursor (the last key done, the batch's
 * upper key). Chosen by the dialect when the plan is made and kept in the plan's statements, so the parameters a
 * statement binds follow from the statement alone.
 */
public enum KeyComparison {
    /**
     * A row-value comparison, {@code (k1, k2) > (:last_id_1, :last_id_2)}: PostgreSQL compares rows in key order
     * and uses it as a btree index condition.
     */
    ROW_VALUE,
    /**
     * The same order written out column by column, {@code k1 >= :last_id_1 AND (k1 > :last_id_1 OR k2 >
     * :last_id_2)}: MariaDB does a full index scan on a row-value comparison (docs/measurements.md); this form gives
     * its optimizer a range on the key's first column.
     */
    EXPANDED
}
