package dev.migrationstrategist.db.kill;

import dev.migrationstrategist.testing.TestDatabase;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static dev.migrationstrategist.db.kill.AppWriter.exec;
import static dev.migrationstrategist.db.kill.AppWriter.exec1;

/**
 * A type change on a schema-qualified, mixed-case table (PostgreSQL only): {@code ALTER TABLE <other>."Orders" ALTER
 * COLUMN amount TYPE bigint}, where {@code <other>} ({@code kill_sales_<random>}, one per test method, created by
 * State A and dropped after each pass) is not the current schema, and the current schema has a table {@code orders}
 * with the same columns. The swap, its sync triggers and the contract must all name {@code <other>."Orders"}: the app
 * inserts, updates and reads {@code "Orders"} only, and {@code orders} stays byte for byte as seeded (md5 of its rows,
 * and its catalog as State B has it: amount still INT).
 */
final class QualifiedTableScenario extends KillScenario {
    private final String other = "kill_sales_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
    private final String orders = other + ".\"Orders\"";
    private volatile String seededMd5;

    static int plainRows(int rows) {
        return Math.max(10, rows / 4);
    }

    @Override
    String name() {
        return "qualified-table-change-type";
    }

    @Override
    boolean runsOn(boolean pg) {
        return pg;
    }

    @Override
    List<String> otherSchemas() {
        return List.of(other);
    }

    @Override
    String schema(boolean pg) {
        return "CREATE SCHEMA " + other + ";\n"
                + "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_name VARCHAR(100) NOT NULL,"
                + " amount INT NOT NULL DEFAULT 0);\n"
                + "CREATE TABLE " + orders + " (id BIGINT PRIMARY KEY, customer_name VARCHAR(100) NOT NULL,"
                + " amount INT NOT NULL DEFAULT 0);\n";
    }

    @Override
    String change(boolean pg) {
        return "ALTER TABLE " + orders + " ALTER COLUMN amount TYPE bigint";
    }

    @Override
    void seed(TestDatabase db, int rows) {
        String g = "(10 * " + g(db) + ")";
        db.execute("INSERT INTO " + orders + " (id, customer_name, amount) SELECT " + g + ", "
                + concat(db, "'c-'", g) + ", " + g + " * 7 - 10000 FROM " + series(db, rows));
        db.execute("INSERT INTO orders (id, customer_name, amount) SELECT " + g + ", " + concat(db, "'plain-'", g)
                + ", " + g + " * 3 FROM " + series(db, plainRows(rows)));
        seededMd5 = md5(db);
    }

    private static String md5(TestDatabase db) {
        return db.column("SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM orders t").get(0);
    }

    @Override
    List<Object> seeded(String key, int rows) {
        long id = id(key);
        return seededId(id, rows) ? List.of("c-" + id, String.valueOf(id * 7 - 10000)) : null;
    }

    @Override
    List<String> seededKeys(int rows) {
        return keys("Orders", 1, rows);
    }

    @Override
    AppWriter.Version version(String version, boolean pg) {
        return ctx -> {
            int dice = ctx.dice();
            long amount = ctx.random.nextInt(2_000_000) - 1_000_000;
            if (dice < 15) {
                long id = ctx.newId("Orders");
                String name = "ins-" + id + "-" + version;
                ctx.write("Orders:" + id, List.of(name, String.valueOf(amount)), false, c ->
                        exec(c, "INSERT INTO " + orders + " (id, customer_name, amount) VALUES (?, ?, ?)", id, name,
                                amount));
            } else if (dice < 65) {
                long id = ctx.owned();
                List<List<Object>> before = ctx.writer.ledger().written("Orders:" + id);
                Object name = before == null ? "c-" + id : before.get(before.size() - 1).get(0);
                ctx.write("Orders:" + id, List.of(name, String.valueOf(amount)), false, c ->
                        exec1(c, "UPDATE " + orders + " SET amount = ? WHERE id = ?", amount, id));
            } else {
                long id = ctx.owned();
                ctx.read("Orders:" + id, id, "SELECT amount FROM " + orders + " WHERE id = ?", 1);
            }
        };
    }

    /** The plan's release note: a prepared statement returning amount fails once after the swap. */
    @Override
    boolean announced(SQLException e, boolean pg) {
        return "0A000".equals(e.getSQLState()) && String.valueOf(e.getMessage())
                .contains("cached plan must not change result type");
    }

    @Override
    Map<String, List<String>> finalRows(TestDatabase db) {
        return keyed(db, "Orders", "SELECT id, customer_name, amount FROM " + orders);
    }

    /** The right table changed (amount bigint there), the other untouched (its rows' md5 as seeded, amount INT). */
    @Override
    List<String> extraChecks(TestDatabase db) {
        List<String> out = new ArrayList<>();
        String md5 = md5(db);
        if (!md5.equals(seededMd5)) {
            out.add("orders of the current schema changed: md5 " + md5 + ", seeded " + seededMd5);
        }
        List<String> types = new ArrayList<>(db.column("SELECT c.relnamespace::regnamespace::text || '.' ||"
                + " c.relname || ' ' || format_type(a.atttypid, a.atttypmod) FROM pg_attribute a JOIN pg_class c"
                + " ON c.oid = a.attrelid"
                + " WHERE a.attname = 'amount' AND c.relkind = 'r' AND c.relnamespace::regnamespace::text IN"
                + " (current_schema(), '" + other + "')"));
        types.sort(null);
        List<String> want = new ArrayList<>(List.of(db.scope() + ".orders integer", other + ".Orders bigint"));
        want.sort(null);
        if (!types.equals(want)) {
            out.add("amount's types: " + types + ", expected " + want);
        }
        return out;
    }

    @Override
    String[] selfcheck() {
        return new String[] {orders, orders, "customer_name"};
    }

    @Override
    List<String> tables() {
        return List.of(orders);
    }
}
