package dev.migrationstrategist.strategy;

import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.input.SchemaReader;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.testing.TestDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Runs a plan's steps against a real scratch database the way {@code apply} must: the verification query first
 * (it must return 0), a transactional PostgreSQL step in one transaction, every {@code CONCURRENTLY} statement alone
 * on its own autocommit connection, a MySQL/MariaDB step's statements in order on one session. And reads the
 * catalog back as lines that compare with the model ({@code plan.before()} / {@code plan.after()}).
 */
final class ObjectPlanSteps {
    private ObjectPlanSteps() {
    }

    /** A verification query returned rows that the constraint would reject. */
    static final class VerificationFailed extends RuntimeException {
        final long count;

        VerificationFailed(String query, long count) {
            super("verify query returned " + count + ": " + query);
            this.count = count;
        }
    }

    static Dialect dialect(TestDatabase db) {
        return Dialects.parse(db.family().equals("postgresql") ? "postgresql:15" : "mariadb:10.11");
    }

    /** Plans {@code changeSql} against State A read from {@code stateA}, with optional row counts. */
    static Plan plan(TestDatabase db, String stateA, String changeSql, Map<String, Long> rows) {
        Dialect dialect = dialect(db);
        Strategist.Builder b = Strategist.configure().dialect(dialect)
                .schema(new SchemaReader(dialect).read(stateA, "state-a.sql"));
        rows.forEach(b::rows);
        return b.load().planSql(changeSql).plan();
    }

    /** Runs one schema step: verify gate, then its SQL. */
    static void run(TestDatabase db, SchemaStep step) {
        if (step.verifySql() != null) {
            long n = db.count(step.verifySql());
            if (n != 0) {
                throw new VerificationFailed(step.verifySql(), n);
            }
        }
        runSql(db, step.sql(), step.transactional());
    }

    /** Runs one step's rollback SQL. */
    static void rollback(TestDatabase db, Step step) {
        runSql(db, step.rollback().sql(), true);
    }

    static void runSql(TestDatabase db, List<String> sql, boolean transactional) {
        if (sql.isEmpty()) {
            return;
        }
        boolean concurrent = sql.stream().anyMatch(s -> s.toUpperCase(Locale.ROOT).contains("CONCURRENTLY"));
        if (concurrent) {
            if (sql.stream().anyMatch(s -> !s.toUpperCase(Locale.ROOT).contains("CONCURRENTLY")
                    && !s.startsWith("SET "))) {
                throw new AssertionError("a CONCURRENTLY statement shares its step with other statements: " + sql);
            }
            for (String s : sql) {
                try (Connection c = db.newConnection()) {
                    exec(c, s);
                } catch (SQLException e) {
                    throw new IllegalStateException("failed: " + s + "\n" + e.getMessage(), e);
                }
            }
            return;
        }
        boolean pg = db.family().equals("postgresql");
        try (Connection c = db.newConnection()) {
            c.setAutoCommit(!(pg && transactional));
            try {
                for (String s : sql) {
                    exec(c, s);
                }
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            } catch (SQLException e) {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
                throw new IllegalStateException("failed: " + sql + "\n" + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** The schema steps of a plan, in order. */
    static List<SchemaStep> schemaSteps(Plan plan) {
        return plan.steps().stream().filter(SchemaStep.class::isInstance).map(SchemaStep.class::cast).toList();
    }

    // ---- catalog vs model ---------------------------------------------------------------------------------------

    /** What the model says the catalog holds, one line per object, in the same words as {@link #catalog}. */
    static TreeSet<String> model(Schema schema) {
        TreeSet<String> out = new TreeSet<>();
        for (Table t : schema.tables()) {
            String tn = t.name().lower();
            out.add("table " + tn);
            t.columns().forEach(c -> out.add("column " + tn + "." + c.name().lower() + (c.nullable() ? " null"
                    : " not null")));
            for (Constraint c : t.constraints()) {
                String cols = cols(c.columns());
                if (c instanceof Constraint.PrimaryKey) {
                    out.add("pk " + tn + " (" + cols + ")");
                } else if (c instanceof Constraint.Unique) {
                    out.add("unique " + tn + " " + name(c.name()) + " (" + cols + ")");
                } else if (c instanceof Constraint.Check) {
                    out.add("check " + tn + " " + name(c.name()) + (c.valid() ? "" : " NOT VALID"));
                } else if (c instanceof Constraint.ForeignKey fk) {
                    out.add("fk " + tn + " " + name(c.name()) + " (" + cols + ") -> " + fk.referencedTable().lower()
                            + " (" + cols(fk.referencedColumns()) + ")" + (c.valid() ? "" : " NOT VALID"));
                }
            }
            for (Index i : t.indexes()) {
                out.add((i.unique() ? "unique " : "index ") + tn + " " + name(i.name()) + " (" + cols(i.columns())
                        + ")" + (i.valid() ? "" : " INVALID"));
            }
        }
        return out;
    }

    /** The scratch scope's tables, views, columns, constraints (with validity) and indexes (with validity). */
    static TreeSet<String> catalog(TestDatabase db) {
        return db.family().equals("postgresql") ? postgresCatalog(db) : mysqlCatalog(db);
    }

    private static TreeSet<String> postgresCatalog(TestDatabase db) {
        String s = "'" + db.scope() + "'";
        TreeSet<String> out = new TreeSet<>();
        db.rows("SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = " + s + " AND c.relkind IN ('r', 'v')")
                .forEach(r -> out.add((r.get(1).equals("r") ? "table " : "view ") + r.get(0)));
        db.rows("SELECT table_name, column_name, is_nullable FROM information_schema.columns c WHERE table_schema = "
                + s + " AND EXISTS (SELECT 1 FROM information_schema.tables t WHERE t.table_schema = c.table_schema"
                + " AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE')")
                .forEach(r -> out.add("column " + r.get(0) + "." + r.get(1) + (r.get(2).equals("YES") ? " null"
                        : " not null")));
        String keyCols = "(SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(%s) WITH ORDINALITY"
                + " AS k(attnum, ord) JOIN pg_attribute a ON a.attrelid = %s AND a.attnum = k.attnum)";
        db.rows("SELECT t.relname, con.conname, con.contype, con.convalidated, "
                + String.format(keyCols, "con.conkey", "con.conrelid") + ", f.relname, "
                + String.format(keyCols, "con.confkey", "con.confrelid")
                + " FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid"
                + " JOIN pg_namespace n ON n.oid = t.relnamespace LEFT JOIN pg_class f ON f.oid = con.confrelid"
                + " WHERE n.nspname = " + s + " AND con.contype IN ('p', 'u', 'c', 'f')").forEach(r -> {
                    String valid = r.get(3).equals("t") ? "" : " NOT VALID";
                    switch (r.get(2)) {
                        case "p" -> out.add("pk " + r.get(0) + " (" + r.get(4) + ")");
                        case "u" -> out.add("unique " + r.get(0) + " " + r.get(1) + " (" + r.get(4) + ")");
                        case "c" -> out.add("check " + r.get(0) + " " + r.get(1) + valid);
                        default -> out.add("fk " + r.get(0) + " " + r.get(1) + " (" + r.get(4) + ") -> " + r.get(5)
                                + " (" + r.get(6) + ")" + valid);
                    }
                });
        db.rows("SELECT t.relname, c.relname, i.indisunique, i.indisvalid, "
                + "(SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(i.indkey::int2[]) WITH ORDINALITY"
                + " AS k(attnum, ord) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum)"
                + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = " + s
                + " AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid"
                + " AND con.contype IN ('p', 'u', 'x'))")
                .forEach(r -> out.add((r.get(2).equals("t") ? "unique " : "index ") + r.get(0) + " " + r.get(1)
                        + " (" + r.get(4) + ")" + (r.get(3).equals("t") ? "" : " INVALID")));
        return out;
    }

    private static TreeSet<String> mysqlCatalog(TestDatabase db) {
        String s = "'" + db.scope() + "'";
        TreeSet<String> out = new TreeSet<>();
        db.rows("SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = " + s)
                .forEach(r -> out.add((r.get(1).equals("VIEW") ? "view " : "table ") + r.get(0).toLowerCase()));
        db.rows("SELECT c.TABLE_NAME, c.COLUMN_NAME, c.IS_NULLABLE FROM information_schema.COLUMNS c"
                + " JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME"
                + " WHERE c.TABLE_SCHEMA = " + s + " AND t.TABLE_TYPE = 'BASE TABLE'")
                .forEach(r -> out.add("column " + r.get(0).toLowerCase() + "." + r.get(1).toLowerCase()
                        + (r.get(2).equals("YES") ? " null" : " not null")));
        db.rows("SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX"
                + " SEPARATOR ', ') FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = " + s
                + " GROUP BY TABLE_NAME, INDEX_NAME, NON_UNIQUE").forEach(r -> {
                    String t = r.get(0).toLowerCase();
                    if (r.get(1).equals("PRIMARY")) {
                        out.add("pk " + t + " (" + r.get(3).toLowerCase() + ")");
                    } else {
                        out.add((r.get(2).equals("0") ? "unique " : "index ") + t + " " + r.get(1) + " ("
                                + r.get(3).toLowerCase() + ")");
                    }
                });
        db.rows("SELECT TABLE_NAME, CONSTRAINT_NAME, GROUP_CONCAT(COLUMN_NAME ORDER BY ORDINAL_POSITION SEPARATOR ', '),"
                + " REFERENCED_TABLE_NAME, GROUP_CONCAT(REFERENCED_COLUMN_NAME ORDER BY ORDINAL_POSITION SEPARATOR"
                + " ', ') FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = " + s
                + " AND REFERENCED_TABLE_NAME IS NOT NULL GROUP BY TABLE_NAME, CONSTRAINT_NAME, REFERENCED_TABLE_NAME")
                .forEach(r -> out.add("fk " + r.get(0).toLowerCase() + " " + r.get(1) + " (" + r.get(2).toLowerCase()
                        + ") -> " + r.get(3).toLowerCase() + " (" + r.get(4).toLowerCase() + ")"));
        db.rows("SELECT TABLE_NAME, CONSTRAINT_NAME FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = "
                + s + " AND CONSTRAINT_TYPE = 'CHECK'")
                .forEach(r -> out.add("check " + r.get(0).toLowerCase() + " " + r.get(1)));
        return out;
    }

    private static String cols(List<Ident> idents) {
        return idents.stream().map(Ident::lower).collect(Collectors.joining(", "));
    }

    private static String name(Ident ident) {
        return ident == null ? "?" : ident.name();
    }

    /** Steps applied in order, stopping before the first app release or irreversible step. */
    static List<SchemaStep> expandable(Plan plan) {
        List<SchemaStep> out = new ArrayList<>();
        for (Step s : plan.steps()) {
            if (!(s instanceof SchemaStep schema) || s.rollback().irreversible()) {
                break;
            }
            out.add(schema);
        }
        return out;
    }
}
