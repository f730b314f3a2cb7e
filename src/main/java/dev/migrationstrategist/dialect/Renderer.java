package dev.migrationstrategist.dialect;

import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.statement.BackfillVisitor;
import dev.migrationstrategist.statement.CopyBatch;
import dev.migrationstrategist.statement.CountRows;
import dev.migrationstrategist.statement.DropTable;
import dev.migrationstrategist.statement.DropView;
import dev.migrationstrategist.statement.InsertSelectBatch;
import dev.migrationstrategist.statement.KeyParameters;
import dev.migrationstrategist.statement.MinKey;
import dev.migrationstrategist.statement.NextKey;
import dev.migrationstrategist.statement.SetLockTimeout;
import dev.migrationstrategist.statement.StatementVisitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns statements into the SQL text of one engine family; every identifier goes through the dialect's quoting.
 * What the families share (column and constraint definitions, the backfill forms both write alike) lives here.
 */
abstract sealed class Renderer implements StatementVisitor<String>, BackfillVisitor<String> permits PostgresRenderer, MySqlRenderer {
    final Dialect dialect;

    Renderer(Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public String setLockTimeout(SetLockTimeout s) {
        return dialect.lockTimeoutStatement(s.timeout());
    }

    @Override
    public String dropTable(DropTable s) {
        return "DROP TABLE " + (s.ifExists() ? "IF EXISTS " : "") + q(s.table()) + ";";
    }

    @Override
    public String dropView(DropView s) {
        return "DROP VIEW " + (s.ifExists() ? "IF EXISTS " : "") + q(s.name()) + ";";
    }

    @Override
    public String guarded(dev.migrationstrategist.statement.Guarded s) {
        return s.statement().accept(this);
    }

    /** Its statement as it renders; a dialect that can run it without queueing for the lock says so. */
    @Override
    public String noLockWait(dev.migrationstrategist.statement.NoLockWait s) {
        return dialect.withoutLockWait(s.statement().accept(this));
    }

    @Override
    public String resyncColumn(dev.migrationstrategist.statement.ResyncColumn s) {
        return copyBatch(dialect.resyncBatch(s), KeyParameters.JDBC) + ";";
    }

    /**
     * How a column the server numbers is declared: {@code AUTO_INCREMENT} on MySQL/MariaDB; on PostgreSQL an
     * identity column's {@code GENERATED ... AS IDENTITY (SEQUENCE NAME s)} (a plan's State A says it, so the plan
     * proves itself from its own state), nothing for one whose kind is not known.
     */
    String autoIncrementClause(Column column) {
        if (column.identity() == null) {
            return "";
        }
        return " GENERATED " + column.identity().kind() + " AS IDENTITY" + (column.identity().sequence() == null
                ? "" : " (SEQUENCE NAME " + q(column.identity().sequence()) + ")");
    }

    final List<String> quoted(List<Ident> idents) {
        return idents.stream().map(this::q).toList();
    }

    final String q(Ident ident) {
        return dialect.quote(ident);
    }

    /** {@code name TYPE [NOT NULL] [DEFAULT expr]}. */
    final String columnDefinition(Column column) {
        StringBuilder sb = new StringBuilder(q(column.name())).append(' ').append(column.type().sql());
        if (!column.nullable()) {
            sb.append(" NOT NULL");
        }
        column.defaultValue().ifPresent(d -> sb.append(" DEFAULT ").append(d));
        if (column.autoIncrement()) {
            sb.append(autoIncrementClause(column));
        }
        return sb.toString();
    }

    /** {@code CONSTRAINT name CHECK (...) | FOREIGN KEY ... | UNIQUE (...) | PRIMARY KEY (...)}. */
    final String constraintDefinition(Constraint c) {
        String named = c.name() == null ? "" : "CONSTRAINT " + q(c.name()) + " ";
        String cols = dialect.quoteAll(c.columns());
        if (c instanceof Constraint.PrimaryKey) {
            return named + "PRIMARY KEY (" + cols + ")";
        }
        if (c instanceof Constraint.Unique) {
            return named + "UNIQUE (" + cols + ")";
        }
        if (c instanceof Constraint.Check check) {
            return named + "CHECK (" + check.expression() + ")";
        }
        return named + foreignKeyClause((Constraint.ForeignKey) c);
    }

    /** {@code FOREIGN KEY (cols) REFERENCES parent (cols) [ON DELETE ..] [ON UPDATE ..]}. */
    final String foreignKeyClause(Constraint.ForeignKey fk) {
        StringBuilder sb = new StringBuilder("FOREIGN KEY (").append(dialect.quoteAll(fk.columns()))
                .append(") REFERENCES ").append(q(fk.referencedTable())).append(" (")
                .append(dialect.quoteAll(fk.referencedColumns())).append(')');
        referenceAction(fk.onDelete()).ifPresent(a -> sb.append(" ON DELETE ").append(a));
        referenceAction(fk.onUpdate()).ifPresent(a -> sb.append(" ON UPDATE ").append(a));
        return sb.toString();
    }

    /** Only the five SQL referential actions are rendered; anything else in the model is left out. */
    private static Optional<String> referenceAction(String action) {
        if (action == null) {
            return Optional.empty();
        }
        String a = action.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        return List.of("CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION").contains(a)
                ? Optional.of(a) : Optional.empty();
    }

    /**
     * {@code CREATE TABLE} with the table's columns and constraints; with {@code inlineIndexes} (MySQL/MariaDB) its
     * indexes too.
     */
    final String createTableText(Table table, boolean inlineIndexes) {
        return createTableText(table, inlineIndexes, "");
    }

    /** The same with {@code clause} after the column list ({@code  PARTITION BY ...}). */
    final String createTableText(Table table, boolean inlineIndexes, String clause) {
        List<String> parts = new ArrayList<>();
        for (Column c : table.columns()) {
            parts.add(columnDefinition(c));
        }
        for (Constraint c : table.constraints()) {
            String named = c.name() == null ? "" : "CONSTRAINT " + q(c.name()) + " ";
            String cols = dialect.quoteAll(c.columns());
            if (c instanceof Constraint.ForeignKey fk) {
                parts.add(named + "FOREIGN KEY (" + cols + ") REFERENCES " + q(fk.referencedTable()) + " ("
                        + dialect.quoteAll(fk.referencedColumns()) + ")"
                        + (fk.onDelete() == null ? "" : " ON DELETE " + fk.onDelete())
                        + (fk.onUpdate() == null ? "" : " ON UPDATE " + fk.onUpdate()));
            } else {
                parts.add(constraintDefinition(c));
            }
        }
        if (inlineIndexes) {
            for (Index i : table.indexes()) {
                parts.add(inlineIndex(i));
            }
        }
        return "CREATE TABLE " + q(table.name()) + " (\n  " + String.join(",\n  ", parts) + "\n)" + clause + ";";
    }

    /** An index inside CREATE TABLE (MySQL/MariaDB): {@code [UNIQUE] INDEX name (keys)}. */
    String inlineIndex(Index i) {
        return (i.unique() ? "UNIQUE " : "") + "INDEX " + q(i.name()) + " (" + dialect.quoteAll(i.columns()) + ")";
    }

    /** {@code alias.column}, or the column alone without an alias. */
    final String qualified(Ident alias, Ident column) {
        return alias == null ? q(column) : q(alias) + "." + q(column);
    }

    @Override
    public final String copyBatch(CopyBatch s, KeyParameters p) {
        String set = s.assignments().stream().map(a -> q(a.column()) + " = " + a.expression())
                .collect(Collectors.joining(", "));
        return "UPDATE " + q(s.table()) + " SET " + set + " WHERE " + p.range(quoted(s.keyColumns()),
                s.keyComparison()) + " AND " + s.predicate();
    }

    /**
     * {@code <insert> into (cols) SELECT cols FROM t [alias] WHERE <range> [AND predicate]}: the part of an insert
     * batch both families write alike; each adds its conflict handling.
     */
    final String insertSelect(String insert, InsertSelectBatch s, KeyParameters p) {
        String select = s.selectColumns().stream().map(c -> qualified(s.alias(), c)).collect(Collectors.joining(", "));
        String from = q(s.table()) + (s.alias() == null ? "" : " " + q(s.alias()));
        return insert + " " + q(s.into()) + " (" + dialect.quoteAll(s.intoColumns()) + ") SELECT " + select + " FROM "
                + from + " WHERE " + p.range(qualified(s.alias(), s.keyColumn()))
                + (s.predicate() == null ? "" : " AND " + s.predicate());
    }

    @Override
    public final String nextKey(NextKey s, KeyParameters p) {
        if (!s.moreKeyColumns().isEmpty()) {
            List<String> keys = quoted(s.keyColumns());
            String cols = String.join(", ", keys);
            return "SELECT " + cols + " FROM (SELECT " + cols + " FROM " + q(s.table()) + " WHERE "
                    + p.lowerBound(keys, s.keyComparison()) + " ORDER BY " + cols + " LIMIT "
                    + p.of(KeyParameters.Param.BATCH_SIZE) + ") AS batch ORDER BY " + keys.stream()
                    .map(k -> k + " DESC").collect(Collectors.joining(", ")) + " LIMIT 1";
        }
        String k = q(s.keyColumn());
        return "SELECT max(" + k + ") FROM (SELECT " + k + " FROM " + q(s.table()) + " WHERE " + p.lowerBound(k)
                + " ORDER BY " + k + " LIMIT " + p.of(KeyParameters.Param.BATCH_SIZE) + ") AS batch";
    }

    @Override
    public final String minKey(MinKey s, KeyParameters p) {
        if (!s.moreKeyColumns().isEmpty()) {
            String cols = String.join(", ", quoted(s.keyColumns()));
            return "SELECT " + cols + " FROM " + q(s.table()) + " ORDER BY " + cols + " LIMIT 1";
        }
        return "SELECT min(" + q(s.keyColumn()) + ") FROM " + q(s.table());
    }

    @Override
    public final String countRows(CountRows s, KeyParameters p) {
        StringBuilder sb = new StringBuilder("SELECT count(*) FROM ").append(q(s.table()));
        if (s.alias() != null) {
            sb.append(' ').append(q(s.alias()));
        }
        CountRows.Join j = s.join();
        if (j != null) {
            sb.append(j.left() ? " LEFT JOIN " : " JOIN ").append(q(j.table())).append(' ').append(q(j.alias()))
                    .append(" ON ").append(qualified(j.alias(), j.column())).append(" = ")
                    .append(qualified(s.alias(), j.otherColumn()));
        }
        return sb.append(" WHERE ").append(s.predicate()).toString();
    }
}
