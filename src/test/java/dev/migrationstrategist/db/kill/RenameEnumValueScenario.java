package dev.migrationstrategist.db.kill;

import dev.migrationstrategist.testing.TestDatabase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.migrationstrategist.db.kill.AppWriter.exec;
import static dev.migrationstrategist.db.kill.AppWriter.exec1;

/**
 * {@code rename value 'paid' of enum order_status to 'settled'} (PostgreSQL only: MariaDB has no enum types):
 * v1.0 writes 'paid'; v1.1 reads both spellings as one value and still writes 'paid'; v1.2 writes 'settled'. The
 * plan's catalog step renames the value and adds 'paid' back (one transaction), and one batched backfill per table
 * (orders, invoices) converts what v1.0 / v1.1 wrote after it. A row's logical status is {@code PAID} for either
 * spelling; State B must hold 'settled' for it ({@link #finalRows} maps a 'paid' left behind to {@code paid-left},
 * which no write expects).
 */
final class RenameEnumValueScenario extends KillScenario {
    static final String PAID = "PAID";

    @Override
    String name() {
        return "rename-enum-value";
    }

    @Override
    boolean runsOn(boolean pg) {
        return pg;
    }

    @Override
    String schema(boolean pg) {
        return "CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped');\n"
                + "CREATE TABLE orders (id BIGINT PRIMARY KEY, status order_status NOT NULL,"
                + " note VARCHAR(100) NOT NULL);\n"
                + "CREATE TABLE invoices (id BIGINT PRIMARY KEY, state order_status, note VARCHAR(100) NOT NULL);\n";
    }

    @Override
    String change(boolean pg) {
        return "rename value 'paid' of enum order_status to 'settled'";
    }

    private static String seededStatus(long id) {
        return switch ((int) (id / 10 % 3)) {
            case 0 -> "new";
            case 1 -> "paid";
            default -> "shipped";
        };
    }

    /** invoices: every third NULL, else 'paid' or 'new'. */
    private static String seededState(long id) {
        return switch ((int) (id / 10 % 3)) {
            case 0 -> null;
            case 1 -> "paid";
            default -> "new";
        };
    }

    private static String logical(String label) {
        return label == null ? null : label.equals("paid") || label.equals("settled") ? PAID : label;
    }

    @Override
    void seed(TestDatabase db, int rows) {
        String g = "(10 * " + g(db) + ")";
        db.execute("INSERT INTO orders (id, status, note) SELECT " + g + ", (CASE " + g(db) + " % 3 WHEN 0 THEN 'new'"
                        + " WHEN 1 THEN 'paid' ELSE 'shipped' END)::order_status, " + concat(db, "'n-'", g)
                        + " FROM " + series(db, rows),
                "INSERT INTO invoices (id, state, note) SELECT " + g + ", (CASE " + g(db) + " % 3 WHEN 0 THEN NULL"
                        + " WHEN 1 THEN 'paid' ELSE 'new' END)::order_status, " + concat(db, "'i-'", g)
                        + " FROM " + series(db, rows));
    }

    @Override
    List<Object> seeded(String key, int rows) {
        long id = id(key);
        if (!seededId(id, rows)) {
            return null;
        }
        return table(key).equals("orders") ? Arrays.asList(logical(seededStatus(id)), "n-" + id)
                : Arrays.asList(logical(seededState(id)), "i-" + id);
    }

    @Override
    List<String> seededKeys(int rows) {
        List<String> out = new ArrayList<>(keys("orders", 1, rows));
        out.addAll(keys("invoices", 1, rows));
        return out;
    }

    @Override
    AppWriter.Version version(String version, boolean pg) {
        return ctx -> {
            int dice = ctx.dice();
            // what this version writes for a paid row: the old spelling until v1.2
            String paid = version.equals("v1.2") ? "settled" : "paid";
            String label = switch (ctx.random.nextInt(3)) {
                case 0 -> "new";
                case 1 -> paid;
                default -> "shipped";
            };
            if (dice < 15) {
                long id = ctx.newId("orders");
                String note = "ins-" + id + "-" + version;
                ctx.write("orders:" + id, Arrays.asList(logical(label), note), false, c -> exec(c,
                        "INSERT INTO orders (id, status, note) VALUES (?, CAST(? AS order_status), ?)", id, label,
                        note));
            } else if (dice < 50) {
                long id = ctx.owned();
                String note = "upd-" + id + "-" + version + "-" + (System.nanoTime() % 1_000_000);
                ctx.write("orders:" + id, Arrays.asList(logical(label), note), false, c -> exec1(c,
                        "UPDATE orders SET status = CAST(? AS order_status), note = ? WHERE id = ?", label, note,
                        id));
            } else if (dice < 70) {
                long id = ctx.owned();
                String state = label.equals("shipped") ? null : label;
                String note = "upd-" + id + "-" + version + "-" + (System.nanoTime() % 1_000_000);
                ctx.write("invoices:" + id, Arrays.asList(logical(state), note), false, c -> exec1(c,
                        "UPDATE invoices SET state = CAST(? AS order_status), note = ? WHERE id = ?", state, note,
                        id));
            } else {
                // every version from v1.1 reads both spellings as one value; v1.0 only runs before the catalog step
                long id = ctx.owned();
                ctx.read("orders:" + id, id, "SELECT CASE WHEN status::text IN ('paid', 'settled') THEN '" + PAID
                        + "' ELSE status::text END, note FROM orders WHERE id = ?");
            }
        };
    }

    @Override
    Map<String, List<String>> finalRows(TestDatabase db) {
        Map<String, List<String>> out = new LinkedHashMap<>(keyed(db, "orders",
                "SELECT id, " + stateB("status") + ", note FROM orders"));
        out.putAll(keyed(db, "invoices", "SELECT id, " + stateB("state") + ", note FROM invoices"));
        return out;
    }

    /** State B's reading of a label: 'settled' is the paid value; a 'paid' left behind matches no write. */
    private static String stateB(String column) {
        return "CASE " + column + "::text WHEN 'settled' THEN '" + PAID + "' WHEN 'paid' THEN 'paid-left' ELSE "
                + column + "::text END";
    }

    @Override
    String[] selfcheck() {
        return new String[] {"orders", "orders", "note"};
    }

    @Override
    List<String> tables() {
        return List.of("orders", "invoices");
    }
}
