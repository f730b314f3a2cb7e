package dev.migrationstrategist.db;

import dev.migrationstrategist.dialect.MariaDbDialect;
import dev.migrationstrategist.dialect.MySqlDialect;
import dev.migrationstrategist.statement.CreateTrigger;
import dev.migrationstrategist.statement.DbObject;
import dev.migrationstrategist.statement.Fact;
import dev.migrationstrategist.statement.Rendered;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * MySQL's and MariaDB's catalog (information_schema, in the session's database). Works inside a LOCK TABLES window:
 * information_schema needs no table lock. Tested on MariaDB 10.11; MySQL 8 shows a string default without its quotes
 * (handled, not run here).
 */
final class MySqlProbe extends CatalogProbe {
    private static final String DB = " table_schema = DATABASE()";
    private final MySqlDialect dialect;

    MySqlProbe(Connection connection, MySqlDialect dialect) {
        super(connection);
        this.dialect = dialect;
    }

    @Override
    String inspectAdvice() {
        return "compare SHOW CREATE TABLE and SHOW TRIGGERS with the step's SQL";
    }

    @Override
    boolean holds(Fact fact) throws SQLException {
        if (fact instanceof Fact.Present p) {
            return exists(p.object());
        }
        if (fact instanceof Fact.Absent a) {
            return !exists(a.object());
        }
        if (fact instanceof Fact.Validated v) {
            return exists(v.object()); // MySQL/MariaDB check what they add: what exists is validated
        }
        if (fact instanceof Fact.Nullable n) {
            return column(n.table().name(), n.column().name(), "is_nullable")
                    .map(v -> v.equalsIgnoreCase("YES") == n.nullable()).orElse(false);
        }
        if (fact instanceof Fact.Default d) {
            Optional<String> current = column(d.table().name(), d.column().name(), "column_default");
            return current.isPresent() && sameDefault(isNull(current.get()) ? null : current.get(), d.expression());
        }
        if (fact instanceof Fact.IndexAttached) {
            return false; // PostgreSQL's partitioned indexes only
        }
        Fact.IndexIgnored i = (Fact.IndexIgnored) fact;
        String column = dialect instanceof MariaDbDialect ? "ignored" : "CASE is_visible WHEN 'YES' THEN 'NO' ELSE 'YES' END";
        return first("SELECT " + column + " FROM information_schema.statistics WHERE" + DB + " AND table_name = ?"
                + " AND index_name = ?", i.table().name(), i.index().name())
                .map(v -> v.equalsIgnoreCase("YES") == i.ignored()).orElse(false);
    }

    private Optional<String> column(String table, String column, String what) throws SQLException {
        return first("SELECT " + what + " FROM information_schema.columns WHERE" + DB + " AND table_name = ?"
                + " AND LOWER(column_name) = LOWER(?)", table, column);
    }

    private boolean exists(DbObject o) throws SQLException {
        if (o instanceof DbObject.Table t) {
            return first("SELECT 1 FROM information_schema.tables WHERE" + DB + " AND table_name = ?"
                    + " AND table_type = 'BASE TABLE'", t.name().name()).isPresent();
        }
        if (o instanceof DbObject.View v) {
            return first("SELECT 1 FROM information_schema.tables WHERE" + DB + " AND table_name = ?"
                    + " AND table_type = 'VIEW'", v.name().name()).isPresent();
        }
        if (o instanceof DbObject.Column c) {
            return column(c.table().name(), c.name().name(), "1").isPresent();
        }
        if (o instanceof DbObject.Index i) {
            return first("SELECT 1 FROM information_schema.statistics WHERE" + DB + " AND table_name = ?"
                    + " AND index_name = ?", i.table().name(), i.name().name()).isPresent();
        }
        if (o instanceof DbObject.Constraint k) {
            if (k.name() == null) {
                return first("SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE()"
                        + " AND table_name = ? AND constraint_type = 'PRIMARY KEY'", k.table().name()).isPresent();
            }
            return first("SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE()"
                    + " AND table_name = ? AND constraint_name = ?", k.table().name(), k.name().name()).isPresent()
                    // a unique index of that name is the constraint; a plain one is not: InnoDB leaves the index
                    // of a dropped foreign key behind under the foreign key's name (MariaDB 10.11), and taking it
                    // for the foreign key skipped the ADD CONSTRAINT that restores it (KillKeyWideningTest baseline)
                    || first("SELECT 1 FROM information_schema.statistics WHERE" + DB + " AND table_name = ?"
                    + " AND index_name = ? AND non_unique = 0", k.table().name(), k.name().name()).isPresent();
        }
        if (o instanceof DbObject.Trigger t) {
            return trigger(t).isPresent();
        }
        return false; // functions, enum types and domains: PostgreSQL only
    }

    /** The trigger's body as the server stores it, if a trigger of that name fires on that table. */
    private Optional<String> trigger(DbObject.Trigger t) throws SQLException {
        return first("SELECT action_statement FROM information_schema.triggers WHERE trigger_schema = DATABASE()"
                + " AND trigger_name = ? AND event_object_table = ?", t.name().name(), t.table().name());
    }

    /** A trigger of the plan's name that exists with another body is not this plan's: neither done nor not done. */
    @Override
    Verdict confirmDone(Rendered rendered, Verdict done) throws SQLException {
        if (!(rendered.statement() instanceof CreateTrigger create)) {
            return done;
        }
        String live = trigger(new DbObject.Trigger(create.table(), create.name())).orElse("");
        String sql = rendered.sql();
        int begin = sql.indexOf("\nBEGIN\n");
        String planned = begin < 0 ? sql : sql.substring(begin + 1);
        if (squeeze(live).equals(squeeze(planned.endsWith(";") ? planned.substring(0, planned.length() - 1)
                : planned))) {
            return new Verdict(State.DONE, "trigger " + create.name() + " exists with the same definition");
        }
        return new Verdict(State.NEITHER, "trigger " + create.name() + " exists on " + create.table()
                + " but differs from the plan's");
    }

    /**
     * MariaDB shows a literal as written ({@code 0}, {@code 'x'}), no default as SQL NULL (NOT NULL column) or the
     * text NULL (nullable column); MySQL shows a string literal without its quotes and no default as SQL NULL.
     */
    private boolean sameDefault(String current, String expression) {
        if (expression == null) {
            return current == null || dialect instanceof MariaDbDialect && current.equalsIgnoreCase("NULL");
        }
        if (current == null) {
            return false;
        }
        if (dialect instanceof MariaDbDialect) {
            return current.equals(expression);
        }
        boolean quoted = expression.length() >= 2 && expression.startsWith("'") && expression.endsWith("'");
        return quoted ? current.equals(expression.substring(1, expression.length() - 1).replace("''", "'"))
                : current.equals(expression) && expression.matches("-?[0-9.]+");
    }

    private static String squeeze(String s) {
        return s.trim().replaceAll("\\s+", " ");
    }
}
