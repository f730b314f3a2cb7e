package dev.migrationstrategist.db;

import dev.migrationstrategist.statement.DbObject;
import dev.migrationstrategist.statement.Fact;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * PostgreSQL's catalog: a table (and its columns, indexes, constraints, triggers) in its schema, the session's current
 * schema for an unqualified name; types and domains wherever the search path sees them.
 */
final class PostgresProbe extends CatalogProbe {
    /** The table's schema: its own ({@code ?}, the Ident's schema) or, for an unqualified name (null), the current. */
    private static final String REL = " c.relnamespace = (SELECT ns.oid FROM pg_namespace ns"
            + " WHERE ns.nspname = COALESCE(CAST(? AS text), current_schema()))";

    PostgresProbe(Connection connection) {
        super(connection);
    }

    @Override
    String inspectAdvice() {
        return "compare \\d+ of the table in psql with the step's SQL";
    }

    @Override
    boolean holds(Fact fact) throws SQLException {
        if (fact instanceof Fact.Present p) {
            return lookup(p.object()).isPresent();
        }
        if (fact instanceof Fact.Absent a) {
            return lookup(a.object()).isEmpty();
        }
        if (fact instanceof Fact.Validated v) {
            return lookup(v.object()).map("t"::equals).orElse(false);
        }
        if (fact instanceof Fact.Nullable n) {
            return first("SELECT NOT a.attnotnull FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                    + " WHERE c.relname = ? AND" + REL + " AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped",
                    n.table().name(), n.table().schema(), n.column().name()).map(v -> v.equals("t") == n.nullable()).orElse(false);
        }
        if (fact instanceof Fact.Default d) {
            Optional<String> current = first("SELECT pg_get_expr(ad.adbin, ad.adrelid) FROM pg_attribute a"
                    + " JOIN pg_class c ON c.oid = a.attrelid LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid"
                    + " AND ad.adnum = a.attnum WHERE c.relname = ? AND" + REL + " AND a.attname = ? AND a.attnum > 0"
                    + " AND NOT a.attisdropped", d.table().name(), d.table().schema(), d.column().name());
            return current.isPresent() && sameDefault(current.get(), d.expression());
        }
        if (fact instanceof Fact.IndexAttached a) {
            boolean attached = first("SELECT 't' FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent"
                    + " JOIN pg_class c ON c.oid = i.inhrelid WHERE p.relname = ? AND c.relname = ? AND"
                    + REL, a.index().name(), a.partitionIndex().name(), a.partitionIndex().schema()).isPresent();
            return attached == a.attached();
        }
        return false; // IndexIgnored: MySQL/MariaDB only
    }

    /**
     * The default as the catalog prints it ({@code 'active'::character varying}) against the plan's
     * ({@code 'active'}): casts and outer parentheses aside. A mismatch only means "not done" for a statement that is
     * harmless to run again.
     */
    private static boolean sameDefault(String current, String expression) {
        if (expression == null) {
            return isNull(current);
        }
        return !isNull(current) && bare(current).equals(bare(expression));
    }

    private static String bare(String expression) {
        String s = expression.trim();
        while (s.startsWith("(") && s.endsWith(")")) {
            s = s.substring(1, s.length() - 1).trim();
        }
        int cast = s.lastIndexOf("::");
        if (cast > 0 && s.indexOf('\'', cast) < 0) {
            s = s.substring(0, cast);
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** "t"/"f" for whether it is valid or validated where that applies (else "t"), empty when it does not exist. */
    private Optional<String> lookup(DbObject o) throws SQLException {
        if (o instanceof DbObject.Table t) {
            return first("SELECT 't' FROM pg_class c WHERE c.relname = ? AND c.relkind IN ('r', 'p', 'f') AND" + REL,
                    t.name().name(), t.name().schema());
        }
        if (o instanceof DbObject.View v) {
            return first("SELECT 't' FROM pg_class c WHERE c.relname = ? AND c.relkind IN ('v', 'm') AND" + REL,
                    v.name().name(), v.name().schema());
        }
        if (o instanceof DbObject.Column col) {
            return first("SELECT 't' FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname = ?"
                    + " AND" + REL + " AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped",
                    col.table().name(), col.table().schema(), col.name().name());
        }
        if (o instanceof DbObject.Index i) {
            return first("SELECT CASE WHEN x.indisvalid THEN 't' ELSE 'f' END FROM pg_index x"
                    + " JOIN pg_class c ON c.oid = x.indexrelid WHERE c.relname = ? AND" + REL, i.name().name(),
                    i.table() == null ? i.name().schema() : i.table().schema());
        }
        if (o instanceof DbObject.Constraint k) {
            return first("SELECT CASE WHEN k.convalidated THEN 't' ELSE 'f' END FROM pg_constraint k"
                    + " JOIN pg_class c ON c.oid = k.conrelid WHERE c.relname = ? AND" + REL + " AND k.conname = ?",
                    k.table().name(), k.table().schema(), k.name() == null ? "" : k.name().name());
        }
        if (o instanceof DbObject.Trigger t) {
            return first("SELECT 't' FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relname = ? AND"
                    + REL + " AND t.tgname = ? AND NOT t.tgisinternal", t.table().name(), t.table().schema(), t.name().name());
        }
        if (o instanceof DbObject.Function f) {
            return first("SELECT 't' FROM pg_proc p WHERE p.proname = ?"
                    + " AND p.pronamespace = current_schema()::regnamespace", f.name().name());
        }
        if (o instanceof DbObject.EnumValue e) {
            return first("SELECT 't' FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = ?"
                    + " AND pg_type_is_visible(t.oid) AND e.enumlabel = ?", e.type().name(), e.value());
        }
        DbObject.DomainConstraint d = (DbObject.DomainConstraint) o;
        return first("SELECT CASE WHEN k.convalidated THEN 't' ELSE 'f' END FROM pg_constraint k"
                + " JOIN pg_type t ON t.oid = k.contypid WHERE t.typname = ? AND pg_type_is_visible(t.oid)"
                + " AND k.conname = ?", d.domain().name(), d.name().name());
    }
}
