package dev.migrationstrategist.strategy;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.MySqlDialect;
import dev.migrationstrategist.dialect.OnlineDdl;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;

import java.util.List;

/**
 * Renders the DDL statements strategies share, per dialect. Every identifier goes through
 * {@link Dialect#quote(Ident)}; types and defaults come from the parsed schema model.
 */
public final class Sql {
    private final Dialect dialect;

    public Sql(Dialect dialect) {
        this.dialect = dialect;
    }

    public Dialect dialect() {
        return dialect;
    }

    public boolean postgres() {
        return dialect instanceof PostgresDialect;
    }

    public PostgresDialect pg() {
        return (PostgresDialect) dialect;
    }

    public MySqlDialect my() {
        return (MySqlDialect) dialect;
    }

    public String q(Ident ident) {
        return dialect.quote(ident);
    }

    /** {@code name TYPE [NOT NULL] [DEFAULT expr]} as a column definition. */
    public String columnDefinition(Column column) {
        StringBuilder sb = new StringBuilder(q(column.name())).append(' ').append(column.type().sql());
        if (!column.nullable()) {
            sb.append(" NOT NULL");
        }
        column.defaultValue().ifPresent(d -> sb.append(" DEFAULT ").append(d));
        return sb.toString();
    }

    private String alter(Ident table, String action, OnlineDdl algorithm) {
        String sql = "ALTER TABLE " + q(table) + " " + action;
        if (!postgres()) {
            sql += ", " + my().algorithmClause(algorithm);
        }
        return sql + ";";
    }

    /** {@code ALTER TABLE t action} with, on MySQL/MariaDB, the dialect's ALGORITHM/LOCK clause for the algorithm. */
    public String alterTable(Ident table, String action, OnlineDdl algorithm) {
        return alter(table, action, algorithm);
    }

    /**
     * {@code ALTER TABLE t action} with, on MySQL/MariaDB, exactly {@code mysqlClause} (for the combinations the
     * dialect's default clause does not cover, e.g. {@code ALGORITHM=INSTANT, LOCK=DEFAULT} for a rename).
     */
    public String alterTable(Ident table, String action, String mysqlClause) {
        return "ALTER TABLE " + q(table) + " " + action + (postgres() ? "" : ", " + mysqlClause) + ";";
    }

    /** {@code SELECT count(*) FROM t WHERE condition}: the shape of every verification query. */
    public String countWhere(Ident table, String condition) {
        return "SELECT count(*) FROM " + q(table) + " WHERE " + condition;
    }

    /** Adds a nullable column with no default (the seed's expand statement). */
    public String addNullableColumn(Ident table, Ident column, String type) {
        return alter(table, "ADD COLUMN " + q(column) + " " + type, postgres() ? null : my().addColumnAlgorithm());
    }

    public String dropColumn(Ident table, Ident column) {
        return alter(table, "DROP COLUMN " + q(column), postgres() ? null : my().dropColumnAlgorithm());
    }

    public String setDefault(Ident table, Ident column, String expression) {
        return alter(table, "ALTER COLUMN " + q(column) + " SET DEFAULT " + expression, OnlineDdl.INSTANT);
    }

    public String dropDefault(Ident table, Ident column) {
        return alter(table, "ALTER COLUMN " + q(column) + " DROP DEFAULT", OnlineDdl.INSTANT);
    }

    /**
     * The statements that make a column NOT NULL without a long lock: on PostgreSQL 12+ a NOT VALID check,
     * validated under SHARE UPDATE EXCLUSIVE, lets SET NOT NULL skip its scan; on MySQL/MariaDB an online
     * in-place MODIFY.
     */
    public List<String> setNotNull(Ident table, Column column) {
        if (postgres()) {
            Ident check = Names.constraint(table, column.name(), "not_null");
            if (pg().notNullFromValidCheck()) {
                return List.of(
                        "ALTER TABLE " + q(table) + " ADD CONSTRAINT " + q(check) + " CHECK (" + q(column.name())
                                + " IS NOT NULL) NOT VALID;",
                        "ALTER TABLE " + q(table) + " VALIDATE CONSTRAINT " + q(check) + ";",
                        "ALTER TABLE " + q(table) + " ALTER COLUMN " + q(column.name()) + " SET NOT NULL;",
                        "ALTER TABLE " + q(table) + " DROP CONSTRAINT " + q(check) + ";");
            }
            return List.of("ALTER TABLE " + q(table) + " ALTER COLUMN " + q(column.name()) + " SET NOT NULL;");
        }
        return List.of(alter(table, "MODIFY " + q(column.name()) + " " + column.type().sql() + " NOT NULL",
                OnlineDdl.INPLACE));
    }

    public String dropNotNull(Ident table, Column column) {
        if (postgres()) {
            return "ALTER TABLE " + q(table) + " ALTER COLUMN " + q(column.name()) + " DROP NOT NULL;";
        }
        return alter(table, "MODIFY " + q(column.name()) + " " + column.type().sql() + " NULL", OnlineDdl.INPLACE);
    }

    /** Builds an index without blocking writes: CONCURRENTLY on PostgreSQL, in place with LOCK=NONE on MySQL. */
    public String createIndexOnline(Index index) {
        String cols = dialect.quoteAll(index.columns());
        if (postgres()) {
            return "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX CONCURRENTLY " + q(index.name()) + " ON "
                    + q(index.table()) + (index.method() == null || index.method().equalsIgnoreCase("btree") ? ""
                    : " USING " + index.method()) + " (" + cols + ");";
        }
        return alter(index.table(), "ADD " + (index.unique() ? "UNIQUE " : "") + "INDEX " + q(index.name()) + " ("
                + cols + ")", OnlineDdl.INPLACE);
    }

    public String dropIndexOnline(Index index) {
        if (postgres()) {
            return "DROP INDEX CONCURRENTLY IF EXISTS " + q(index.name()) + ";";
        }
        return alter(index.table(), "DROP INDEX " + q(index.name()), OnlineDdl.INPLACE);
    }

    /**
     * PostgreSQL: turns a unique index built CONCURRENTLY into a UNIQUE constraint (catalog only, milliseconds
     * under ACCESS EXCLUSIVE); the index takes the constraint's name.
     */
    public String addUniqueUsingIndex(Ident table, Ident constraint, Ident index) {
        return "ALTER TABLE " + q(table) + " ADD CONSTRAINT " + q(constraint) + " UNIQUE USING INDEX " + q(index) + ";";
    }

    /** PostgreSQL: drops a constraint if it is there (a rollback that must work after a part-way failure). */
    public String dropConstraintIfExists(Ident table, Ident constraint) {
        return "ALTER TABLE " + q(table) + " DROP CONSTRAINT IF EXISTS " + q(constraint) + ";";
    }

    /** {@code FOREIGN KEY (cols) REFERENCES parent (cols) [ON DELETE ..] [ON UPDATE ..]} for a modelled key. */
    public String foreignKeyClause(Constraint.ForeignKey fk) {
        StringBuilder sb = new StringBuilder("FOREIGN KEY (").append(dialect.quoteAll(fk.columns()))
                .append(") REFERENCES ").append(q(fk.referencedTable())).append(" (")
                .append(dialect.quoteAll(fk.referencedColumns())).append(')');
        referenceAction(fk.onDelete()).ifPresent(a -> sb.append(" ON DELETE ").append(a));
        referenceAction(fk.onUpdate()).ifPresent(a -> sb.append(" ON UPDATE ").append(a));
        return sb.toString();
    }

    /** Only the five SQL referential actions are rendered; anything else in the model is left out. */
    private static java.util.Optional<String> referenceAction(String action) {
        if (action == null) {
            return java.util.Optional.empty();
        }
        String a = action.trim().toUpperCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
        return List.of("CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION").contains(a)
                ? java.util.Optional.of(a) : java.util.Optional.empty();
    }

    /**
     * Adds a foreign key without a long lock. PostgreSQL: {@code NOT VALID} (milliseconds, SHARE ROW EXCLUSIVE on
     * both tables), then {@code VALIDATE CONSTRAINT} (SHARE UPDATE EXCLUSIVE: reads and writes go on); run each
     * statement in its own transaction. MySQL/MariaDB: with {@code foreign_key_checks = 0} the ALTER is in place
     * and does not scan (measured, LOCKS.md), so existing rows are not checked: {@link #orphanCount} must be 0.
     */
    public List<String> addForeignKeyOnline(Ident table, Constraint.ForeignKey fk) {
        String add = "ADD CONSTRAINT " + q(fk.name()) + " " + foreignKeyClause(fk);
        if (postgres()) {
            return List.of("ALTER TABLE " + q(table) + " " + add + " NOT VALID;",
                    "ALTER TABLE " + q(table) + " VALIDATE CONSTRAINT " + q(fk.name()) + ";");
        }
        return List.of("SET SESSION foreign_key_checks = 0;",
                alter(table, add, OnlineDdl.INPLACE),
                "SET SESSION foreign_key_checks = 1;");
    }

    public String dropForeignKey(Ident table, Ident fk) {
        if (postgres()) {
            return dropConstraintIfExists(table, fk);
        }
        return alter(table, "DROP FOREIGN KEY " + q(fk), OnlineDdl.INPLACE);
    }

    /** Counts child rows whose key has no parent row: 0 means the foreign key holds for every existing row. */
    public String orphanCount(Ident table, Constraint.ForeignKey fk) {
        StringBuilder on = new StringBuilder();
        StringBuilder notNull = new StringBuilder();
        for (int i = 0; i < fk.columns().size(); i++) {
            on.append(i == 0 ? "" : " AND ").append("c.").append(q(fk.columns().get(i))).append(" = p.")
                    .append(q(fk.referencedColumns().get(i)));
            notNull.append(" AND c.").append(q(fk.columns().get(i))).append(" IS NOT NULL");
        }
        return "SELECT count(*) FROM " + q(table) + " c LEFT JOIN " + q(fk.referencedTable()) + " p ON " + on
                + " WHERE p." + q(fk.referencedColumns().get(0)) + " IS NULL" + notNull;
    }

    /** MySQL/MariaDB: one in-place {@code MODIFY} of each column to its full definition (one table rebuild). */
    public String modifyColumns(Ident table, List<Column> columns) {
        return alter(table, columns.stream().map(c -> "MODIFY " + columnDefinition(c))
                .collect(java.util.stream.Collectors.joining(", ")), OnlineDdl.INPLACE);
    }

    // ---- column operations (catalog-columns) ----

    /** MySQL/MariaDB: INSTANT where the version has it, else INPLACE with LOCK=NONE; null on PostgreSQL. */
    public OnlineDdl instantOrInplace() {
        if (postgres()) {
            return null;
        }
        return my().addColumnAlgorithm() == OnlineDdl.INSTANT ? OnlineDdl.INSTANT : OnlineDdl.INPLACE;
    }

    /** {@code ALTER TABLE t ADD COLUMN <definition>} with the full definition (type, NOT NULL, DEFAULT). */
    public String addColumn(Ident table, Column column, OnlineDdl algorithm) {
        return alter(table, "ADD COLUMN " + columnDefinition(column), algorithm);
    }

    /** Sets a default for new rows only; existing rows keep their values. Catalog only on every version. */
    public String setDefaultOnline(Ident table, Ident column, String expression) {
        return alter(table, "ALTER COLUMN " + q(column) + " SET DEFAULT " + expression, instantOrInplace());
    }

    public String dropDefaultOnline(Ident table, Ident column) {
        return alter(table, "ALTER COLUMN " + q(column) + " DROP DEFAULT", instantOrInplace());
    }

    /** MySQL/MariaDB {@code MODIFY} with the column's full definition, so its default and nullability are kept. */
    public String modifyColumn(Ident table, Column column, OnlineDdl algorithm) {
        return alter(table, "MODIFY " + columnDefinition(column), algorithm);
    }

    /** PostgreSQL {@code ALTER COLUMN ... TYPE}, with {@code USING} when the conversion is not a plain assignment. */
    public String alterColumnType(Ident table, Ident column, String type, String using) {
        return "ALTER TABLE " + q(table) + " ALTER COLUMN " + q(column) + " TYPE " + type
                + (using == null || using.equals(q(column)) ? "" : " USING " + using) + ";";
    }

    public String setNotNullDirect(Ident table, Column column) {
        if (postgres()) {
            return "ALTER TABLE " + q(table) + " ALTER COLUMN " + q(column.name()) + " SET NOT NULL;";
        }
        return modifyColumn(table, column.withNullable(false), OnlineDdl.INPLACE);
    }

    /** Renders the NOT NULL removal keeping the column's type and default on MySQL/MariaDB. */
    public String dropNotNullKeepingDefault(Ident table, Column column) {
        if (postgres()) {
            return dropNotNull(table, column);
        }
        return modifyColumn(table, column.withNullable(true), OnlineDdl.INPLACE);
    }

    /** PostgreSQL: a CHECK (col IS NOT NULL) added NOT VALID; validated later without blocking writes. */
    public String addNotNullCheck(Ident table, Ident column, Ident check) {
        return "ALTER TABLE " + q(table) + " ADD CONSTRAINT " + q(check) + " CHECK (" + q(column)
                + " IS NOT NULL) NOT VALID;";
    }

    public String validateConstraint(Ident table, Ident constraint) {
        return "ALTER TABLE " + q(table) + " VALIDATE CONSTRAINT " + q(constraint) + ";";
    }

    public String renameIndex(Ident table, Ident from, Ident to) {
        if (postgres()) {
            return "ALTER INDEX " + q(from) + " RENAME TO " + q(to) + ";";
        }
        return alter(table, "RENAME INDEX " + q(from) + " TO " + q(to), instantOrInplace());
    }

    /** The lock an ALTER with this algorithm takes, in words, for the step's {@code lock}. */
    public String lockWords(OnlineDdl algorithm) {
        if (postgres()) {
            return "ACCESS EXCLUSIVE, catalog only (milliseconds)";
        }
        return switch (algorithm) {
            case INSTANT -> "exclusive metadata lock, instant (milliseconds)";
            case NOCOPY, INPLACE -> "in-place, LOCK=NONE: reads and writes go on; exclusive metadata lock for"
                    + " milliseconds at start and end";
            case COPY -> "table copy, LOCK=SHARED: writes wait for the whole copy";
        };
    }
}
