package dev.migrationstrategist.strategy;

import dev.migrationstrategist.db.SqlErrors;
import dev.migrationstrategist.dialect.TypeChanges;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.plan.BackfillStep;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a plan's SQL step by step against a real test database, the way {@code apply} or a person with
 * {@code psql} would: schema steps statement by statement (in one transaction where the step says so, on
 * PostgreSQL), backfills batch by batch with their placeholders bound over keyset ranges. Also reads a table's
 * columns back from {@code information_schema} to compare with a plan's State B.
 */
public final class PlanSteps {
    private static final Pattern PLACEHOLDER = Pattern.compile("(?<!:):(last_id|next_id|batch_size)\\b");

    private PlanSteps() {
    }

    /** Plans one change phrase or SQL text on a schema, for the dialect, with the given row counts. */
    public static Plan plan(String dialect, String schemaDdl, String change, Map<String, Long> rows) {
        Strategist.Builder b = Strategist.configure().dialect(dialect).schemaSql(schemaDdl).batchSize(3);
        rows.forEach(b::rows);
        Strategist s = b.load();
        boolean phrase = dev.migrationstrategist.input.PhraseReader.looksLikePhrase(change);
        return phrase ? s.plan(List.of(change), List.of()).plan() : s.planSql(change).plan();
    }

    /** Runs every database step in order; {@code afterEach} runs after each step (app writes go there). */
    public static void runAll(TestDatabase db, Plan plan, Consumer<Step> afterEach) {
        for (Step step : plan.steps()) {
            run(db, step);
            afterEach.accept(step);
        }
    }

    /**
     * The SQL a run with nothing to recover executes: a guarded statement (the repair around a MySQL/MariaDB swap
     * window, which apply runs only where the catalog shows an interrupted window's state) is left out.
     */
    public static List<String> unguarded(List<dev.migrationstrategist.statement.Rendered> statements) {
        return statements.stream().filter(r -> !(r.statement() instanceof dev.migrationstrategist.statement.Guarded))
                .map(dev.migrationstrategist.statement.Rendered::sql).toList();
    }

    public static void run(TestDatabase db, Step step) {
        if (step instanceof SchemaStep schema) {
            execute(db, unguarded(schema.statements()), schema.transactional() && db.family().equals("postgresql"));
        } else if (step instanceof BackfillStep backfill) {
            backfill(db, backfill);
        }
    }

    /** State A → every expand step → the rollback SQL of each applied step, in reverse order. */
    public static void expandThenRollBack(TestDatabase db, Plan plan) {
        List<SchemaStep> applied = new ArrayList<>();
        for (Step step : plan.stepsIn(Phase.EXPAND)) {
            run(db, step);
            applied.add((SchemaStep) step);
        }
        for (int i = applied.size() - 1; i >= 0; i--) {
            execute(db, applied.get(i).rollback().sql(), false);
        }
    }

    /**
     * Runs statements on a fresh connection: in one transaction, or each on its own. On its own, a statement that
     * gives up waiting for a lock is retried, as apply retries it (a MariaDB {@code SET STATEMENT lock_wait_timeout = 0
     * FOR DROP TRIGGER ...} fails at once while a writer's transaction holds the table).
     */
    public static void execute(TestDatabase db, List<String> sql, boolean oneTransaction) {
        try (Connection c = db.newConnection()) {
            c.setAutoCommit(!oneTransaction);
            for (String s : sql) {
                try (Statement st = c.createStatement()) {
                    for (int attempt = 1; ; attempt++) {
                        try {
                            st.execute(s);
                            break;
                        } catch (SQLException e) {
                            if (oneTransaction || attempt >= 200
                                    || SqlErrors.classify(e) != SqlErrors.Kind.LOCK_TIMEOUT) {
                                throw e;
                            }
                            Thread.sleep(10);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (SQLException e) {
                    if (oneTransaction) {
                        c.rollback();
                    }
                    throw new IllegalStateException("failed: " + s + "\n" + e.getMessage(), e);
                }
            }
            if (oneTransaction) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a backfill as written: next key from the last one, then the batch over (last, next], until done. */
    public static int backfill(TestDatabase db, BackfillStep step) {
        int batches = 0;
        try (Connection c = db.newConnection()) {
            Long last = Long.MIN_VALUE;
            while (true) {
                Long next = queryLong(c, step.nextKeySql(), Map.of("last_id", last, "batch_size", (long) step.batchSize()));
                if (next == null) {
                    break;
                }
                update(c, step.batchSql(), Map.of("last_id", last, "next_id", next));
                batches++;
                last = next;
            }
            Long remaining = queryLong(c, step.remainingSql(), Map.of());
            if (remaining == null || remaining != 0) {
                throw new IllegalStateException("backfill left " + remaining + " rows: " + step.remainingSql());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("backfill failed: " + e.getMessage(), e);
        }
        return batches;
    }

    private static Long queryLong(Connection c, String sql, Map<String, Long> values) throws SQLException {
        try (PreparedStatement ps = bind(c, sql, values); ResultSet rs = ps.executeQuery()) {
            rs.next();
            long v = rs.getLong(1);
            return rs.wasNull() ? null : v;
        }
    }

    private static void update(Connection c, String sql, Map<String, Long> values) throws SQLException {
        try (PreparedStatement ps = bind(c, sql, values)) {
            ps.executeUpdate();
        }
    }

    private static PreparedStatement bind(Connection c, String sql, Map<String, Long> values) throws SQLException {
        List<Long> args = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Long v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("no value for :" + m.group(1) + " in " + sql);
            }
            args.add(v);
            m.appendReplacement(out, "?");
        }
        m.appendTail(out);
        PreparedStatement ps = c.prepareStatement(out.toString());
        for (int i = 0; i < args.size(); i++) {
            ps.setLong(i + 1, args.get(i));
        }
        return ps;
    }

    /** A column as the catalog shows it: canonical type with its arguments, nullability, normalised default. */
    public record Shape(String type, boolean nullable, String defaultValue) {
    }

    /** The columns of a table from information_schema, by lower-case name. */
    public static Map<String, Shape> actual(TestDatabase db, String table) {
        Map<String, Shape> out = new TreeMap<>();
        boolean pg = db.family().equals("postgresql");
        String q = pg
                ? "SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale,"
                  + " is_nullable, column_default FROM information_schema.columns WHERE table_schema = '" + db.scope()
                  + "' AND table_name = '" + table + "'"
                : "SELECT column_name, column_type, NULL, NULL, NULL, is_nullable, column_default"
                  + " FROM information_schema.columns WHERE table_schema = '" + db.scope() + "' AND table_name = '"
                  + table + "'";
        for (List<String> r : db.rows(q)) {
            String type;
            if (pg) {
                String base = r.get(1);
                if (r.get(2) != null) {
                    type = base + "(" + r.get(2) + ")";
                } else if (base.equals("numeric") && r.get(3) != null) {
                    type = base + "(" + r.get(3) + "," + r.get(4) + ")";
                } else {
                    type = base;
                }
            } else {
                type = r.get(1).replaceAll("(?i)^(tinyint|smallint|mediumint|int|bigint)\\(\\d+\\)", "$1");
            }
            out.put(r.get(0).toLowerCase(Locale.ROOT), new Shape(canonical(type), r.get(5).equals("YES"),
                    normaliseDefault(r.get(6))));
        }
        return out;
    }

    /** The columns of a table in the plan's State B, in the same shape as {@link #actual}. */
    public static Map<String, Shape> expected(Plan plan, String table) {
        Table t = plan.after().table(dev.migrationstrategist.schema.Ident.of(table)).orElseThrow();
        Map<String, Shape> out = new TreeMap<>();
        for (Column c : t.columns()) {
            out.put(c.name().lower(), new Shape(canonical(c.type().sql()), c.nullable(),
                    normaliseDefault(c.defaultExpression())));
        }
        return out;
    }

    private static String canonical(String type) {
        DataType t = DataType.parse(type);
        String args = t.args().isEmpty() ? "" : t.args().toString().replace(" ", "");
        return TypeChanges.canonical(t) + args;
    }

    private static String normaliseDefault(String d) {
        if (d == null || d.equalsIgnoreCase("NULL")) {
            return null;
        }
        String s = d.toLowerCase(Locale.ROOT).replaceAll("::[a-z ]+(\\(\\d+\\))?", "").replaceAll("[()'\\s]", "");
        return s.equals("current_timestamp") ? "now" : s.equals("now") ? "now" : s;
    }
}
