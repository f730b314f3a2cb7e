package dev.migrationstrategist.strategy;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.statement.OnlineDdl;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;

import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.statement.AddColumns;
import dev.migrationstrategist.statement.AddConstraint;
import dev.migrationstrategist.statement.AddConstraintUsingIndex;
import dev.migrationstrategist.statement.AlterColumnType;
import dev.migrationstrategist.statement.BackfillStatement;
import dev.migrationstrategist.statement.BatchStatement;
import dev.migrationstrategist.statement.ColumnDefaults;
import dev.migrationstrategist.statement.ConstraintKind;
import dev.migrationstrategist.statement.DefaultChange;
import dev.migrationstrategist.statement.DropColumns;
import dev.migrationstrategist.statement.DropConstraint;
import dev.migrationstrategist.statement.ModifyColumns;
import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.statement.RenderedBackfill;
import dev.migrationstrategist.statement.RenameIndex;
import dev.migrationstrategist.statement.Statement;
import dev.migrationstrategist.statement.ValidateConstraint;

import java.util.List;

/**
 * Builds the statements strategies share, each with the SQL its dialect renders for it (identifiers quoted by
 * {@link Dialect#quote(Ident)}; types and defaults from the parsed schema model).
 */
public final class Sql {
    private final Dialect dialect;

    public Sql(Dialect dialect) {
        this.dialect = dialect;
    }

    public Dialect dialect() {
        return dialect;
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
        if (column.autoIncrement()) {
            sb.append(" AUTO_INCREMENT");
        }
        return sb.toString();
    }

    /** A backfill statement with the SQL the reports show for it (named placeholders). */
    public <S extends BackfillStatement> RenderedBackfill<S> backfill(S statement) {
        return new RenderedBackfill<>(statement, dialect.render(statement));
    }

    /** A batch, typed as any batch (what a backfill step holds). */
    public RenderedBackfill<BatchStatement> batch(BatchStatement statement) {
        return backfill(statement);
    }

    /** {@code SELECT count(*) FROM t WHERE condition}: the shape of every verification query. */
    public String countWhere(Ident table, String condition) {
        return "SELECT count(*) FROM " + q(table) + " WHERE " + condition;
    }

    /** The statement with the SQL its dialect renders for it. */
    public Rendered r(Statement statement) {
        return new Rendered(statement, dialect.render(statement));
    }

    /**
     * Where each DDL statement commits on its own (MySQL/MariaDB), {@code rendered}'s statement made not to queue for
     * its table's metadata lock ({@link dev.migrationstrategist.statement.NoLockWait}): for a step over two tables the
     * apps write in one transaction. Where DDL is transactional, {@code rendered} itself.
     */
    public Rendered noQueueOutsideTransactions(Rendered rendered) {
        return dialect.transactionalDdl() || rendered.statement() instanceof dev.migrationstrategist.statement.Wrapping
                ? rendered : r(new dev.migrationstrategist.statement.NoLockWait(rendered.statement()));
    }

    /** Each statement with the SQL its dialect renders for it. */
    public List<Rendered> rAll(List<? extends Statement> statements) {
        return statements.stream().map(this::r).toList();
    }

    /**
     * Puts a NOT NULL column back to its definition after NOT NULL was dropped (PostgreSQL: {@link #setNotNull};
     * MySQL/MariaDB: an in-place MODIFY with the full definition).
     */
    public List<Rendered> restoreNotNull(Ident table, Column column) {
        return rAll(dialect.restoreNotNull(table, column));
    }

    /** What must be dropped before {@code column} can be dropped (nothing on PostgreSQL; see the dialect). */
    public List<Rendered> dropsBeforeColumn(dev.migrationstrategist.schema.Table table, Ident column) {
        return rAll(dialect.dropsBeforeColumn(table, column));
    }

    /** Adds a nullable column with no default (the seed's expand statement). */
    public Rendered addNullableColumn(Ident table, Ident column, String type) {
        return r(AddColumns.of(table, new Column(column, DataType.parse(type), true, null),
                dialect.addColumnAlgorithm()));
    }

    public Rendered dropColumn(Ident table, Ident column) {
        return r(new DropColumns(table, List.of(column), dialect.dropColumnAlgorithm()));
    }

    public Rendered dropColumns(Ident table, List<Ident> columns, OnlineDdl algorithm) {
        return r(new DropColumns(table, columns, dialect.alterAlgorithm(algorithm)));
    }

    public Rendered setDefault(Ident table, Ident column, String expression) {
        return r(new ColumnDefaults(table, List.of(new DefaultChange(column, expression)),
                dialect.alterAlgorithm(OnlineDdl.INSTANT)));
    }

    public Rendered dropDefault(Ident table, Ident column) {
        return setDefault(table, column, null);
    }

    /**
     * The statements that make a column NOT NULL without a long lock: on PostgreSQL 12+ a NOT VALID check,
     * validated under SHARE UPDATE EXCLUSIVE, lets SET NOT NULL skip its scan; on MySQL/MariaDB an online
     * in-place MODIFY.
     */
    public List<Rendered> setNotNull(Ident table, Column column) {
        return rAll(dialect.setNotNullOnline(table, column));
    }

    public Rendered dropNotNull(Ident table, Column column) {
        return r(dialect.dropNotNull(table, column));
    }

    /** Builds an index without blocking writes: CONCURRENTLY on PostgreSQL, in place with LOCK=NONE on MySQL. */
    public Rendered createIndexOnline(Index index) {
        return r(dialect.createIndexOnline(index));
    }

    public Rendered dropIndexOnline(Index index) {
        return r(dialect.dropIndexOnline(index));
    }

    /**
     * PostgreSQL: turns a unique index built CONCURRENTLY into a UNIQUE constraint (catalog only, milliseconds
     * under ACCESS EXCLUSIVE); the index takes the constraint's name.
     */
    public Rendered addUniqueUsingIndex(Ident table, Ident constraint, Ident index) {
        return r(new AddConstraintUsingIndex(table, constraint, false, index));
    }

    /** PostgreSQL: drops a constraint if it is there (a rollback that must work after a part-way failure). */
    public Rendered dropConstraintIfExists(Ident table, Ident constraint) {
        return r(new DropConstraint(table, constraint, ConstraintKind.CHECK, true, null));
    }

    /**
     * Adds a foreign key without a long lock. PostgreSQL: {@code NOT VALID} (milliseconds, SHARE ROW EXCLUSIVE on
     * both tables), then {@code VALIDATE CONSTRAINT} (SHARE UPDATE EXCLUSIVE: reads and writes go on); run each
     * statement in its own transaction. MySQL/MariaDB: with {@code foreign_key_checks = 0} the ALTER is in place
     * and does not scan (measured, LOCKS.md), so existing rows are not checked: {@link #orphanCount} must be 0.
     */
    public List<Rendered> addForeignKeyOnline(Ident table, Constraint.ForeignKey fk) {
        return rAll(dialect.addForeignKeyOnline(table, fk));
    }

    public Rendered dropForeignKey(Ident table, Ident fk) {
        return r(dialect.dropForeignKey(table, fk));
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
    public Rendered modifyColumns(Ident table, List<Column> columns) {
        return r(new ModifyColumns(table, columns, OnlineDdl.INPLACE));
    }

    // ---- column operations (catalog-columns) ----

    /** MySQL/MariaDB: INSTANT where the version has it, else INPLACE with LOCK=NONE; null on PostgreSQL. */
    public OnlineDdl instantOrInplace() {
        return dialect.instantOrInplace();
    }

    /** {@code ALTER TABLE t ADD COLUMN <definition>} with the full definition (type, NOT NULL, DEFAULT). */
    public Rendered addColumn(Ident table, Column column, OnlineDdl algorithm) {
        return r(AddColumns.of(table, column, dialect.alterAlgorithm(algorithm)));
    }

    /** Sets a default for new rows only; existing rows keep their values. Catalog only on every version. */
    public Rendered setDefaultOnline(Ident table, Ident column, String expression) {
        return r(new ColumnDefaults(table, List.of(new DefaultChange(column, expression)), instantOrInplace()));
    }

    public Rendered dropDefaultOnline(Ident table, Ident column) {
        return setDefaultOnline(table, column, null);
    }

    /** MySQL/MariaDB {@code MODIFY} with the column's full definition, so its default and nullability are kept. */
    public Rendered modifyColumn(Ident table, Column column, OnlineDdl algorithm) {
        return r(new ModifyColumns(table, List.of(column), algorithm));
    }

    /** PostgreSQL {@code ALTER COLUMN ... TYPE}, with {@code USING} when the conversion is not a plain assignment. */
    public Rendered alterColumnType(Ident table, Ident column, String type, String using) {
        return r(new AlterColumnType(table, column, type, using == null || using.equals(q(column)) ? null : using));
    }

    public Rendered setNotNullDirect(Ident table, Column column) {
        return r(dialect.setNotNullDirect(table, column));
    }

    /** Renders the NOT NULL removal keeping the column's type and default on MySQL/MariaDB. */
    public Rendered dropNotNullKeepingDefault(Ident table, Column column) {
        return r(dialect.dropNotNullKeepingDefault(table, column));
    }

    /** PostgreSQL: a CHECK (col IS NOT NULL) added NOT VALID; validated later without blocking writes. */
    public Rendered addNotNullCheck(Ident table, Ident column, Ident check) {
        return r(new AddConstraint(table, new Constraint.Check(check, q(column) + " IS NOT NULL", List.of(column),
                false), true, null));
    }

    public Rendered validateConstraint(Ident table, Ident constraint) {
        return r(new ValidateConstraint(table, constraint));
    }

    public Rendered renameIndex(Ident table, Ident from, Ident to) {
        return r(new RenameIndex(table, from, to, instantOrInplace()));
    }
}
