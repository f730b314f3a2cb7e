package dev.migrationstrategist.db.kill;

import dev.migrationstrategist.testing.TestDatabase;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static dev.migrationstrategist.db.kill.AppWriter.exec;
import static dev.migrationstrategist.db.kill.AppWriter.exec1;

/**
 * "Running out of ids" on an identity key (PostgreSQL only): {@code change type of payment.payment_id to bigint},
 * {@code payment_id INT GENERATED ALWAYS AS IDENTITY}, referenced by {@code refund.payment_id} (INT, foreign key
 * {@code fk_refund_payment}). payment is of unknown size (the online key swap: new column, sync, backfill, unique
 * index built concurrently, one swap transaction that also hands the identity to the new column: a new identity
 * sequence of the same kind, set to the old one's value, the old identity dropped, the new sequence renamed to the
 * old name) and refund is small ({@code --rows refund=N}: widened first, directly). The application numbers new
 * payments through the identity ({@code INSERT ... RETURNING payment_id}: the row is recorded under the id the
 * database gave), inserts refunds of seeded payments, renames and reads payments. State B: every id once, the
 * identity still ALWAYS on a bigint column with the old sequence name, the sequence beyond every id, no orphan
 * refund, the foreign key back and validated.
 */
final class IdentityKeyWideningScenario extends KillScenario {
    private final AtomicLong inserts = new AtomicLong();

    static int refunds(int rows) {
        return Math.max(10, rows / 10);
    }

    @Override
    String name() {
        return "identity-key-widening";
    }

    @Override
    boolean runsOn(boolean pg) {
        return pg;
    }

    @Override
    String schema(boolean pg) {
        return "CREATE TABLE payment (payment_id INT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                + " note VARCHAR(100) NOT NULL);\n"
                + "CREATE TABLE refund (refund_id BIGINT PRIMARY KEY, payment_id INT NOT NULL, qty INT NOT NULL,"
                + " CONSTRAINT fk_refund_payment FOREIGN KEY (payment_id) REFERENCES payment (payment_id));\n";
    }

    @Override
    Map<String, Long> sizes(boolean pg, int rows) {
        return Map.of("refund", (long) refunds(rows));
    }

    @Override
    String change(boolean pg) {
        return "change type of payment.payment_id to bigint";
    }

    /** Seeded payments 10, 20, ... (given past the identity), then the identity numbers on from the last one. */
    @Override
    void seed(TestDatabase db, int rows) {
        String g = "(10 * " + g(db) + ")";
        db.execute("INSERT INTO payment (payment_id, note) OVERRIDING SYSTEM VALUE SELECT " + g + ", "
                + concat(db, "'n-'", g) + " FROM " + series(db, rows));
        db.execute("SELECT setval(pg_get_serial_sequence('payment', 'payment_id'), " + 10L * rows + ")");
        db.execute("INSERT INTO refund (refund_id, payment_id, qty) SELECT " + g + ", " + g + ", " + g
                + " % 1000 FROM " + series(db, refunds(rows)));
    }

    @Override
    List<Object> seeded(String key, int rows) {
        long id = id(key);
        if (table(key).equals("payment")) {
            return seededId(id, rows) ? List.of("n-" + id) : null;
        }
        return seededId(id, refunds(rows)) ? List.of(String.valueOf(id), String.valueOf(id % 1000)) : null;
    }

    @Override
    List<String> seededKeys(int rows) {
        List<String> out = keys("payment", 1, rows);
        out.addAll(keys("refund", 1, refunds(rows)));
        return out;
    }

    @Override
    AppWriter.Version version(String version, boolean pg) {
        return ctx -> {
            int dice = ctx.dice();
            // payments 2.. only: the lock-wait variant row-locks the smallest key of every table
            long payment = 10 * (2 + ctx.random.nextInt(ctx.seededRows() - 1));
            long qty = ctx.random.nextInt(100_000);
            if (dice < 15) {
                String note = "ins-" + version + "-" + inserts.incrementAndGet() + "-" + ctx.thread;
                ctx.insertNumbered("payment", List.of(note), c ->
                        AppWriter.returningId(c, "INSERT INTO payment (note) VALUES (?) RETURNING payment_id", note));
            } else if (dice < 30) {
                long id = ctx.newId("refund");
                ctx.write("refund:" + id, List.of(String.valueOf(payment), String.valueOf(qty)), false, c ->
                        exec(c, "INSERT INTO refund (refund_id, payment_id, qty) VALUES (?, ?, ?)", id, payment,
                                qty));
            } else if (dice < 65) {
                long id = ctx.owned();
                String note = "upd-" + id + "-" + version + "-" + (System.nanoTime() % 1_000_000);
                ctx.write("payment:" + id, List.of(note), false, c ->
                        exec1(c, "UPDATE payment SET note = ? WHERE payment_id = ?", note, id));
            } else {
                long id = ctx.owned();
                ctx.read("payment:" + id, id, "SELECT note FROM payment WHERE payment_id = ?");
            }
        };
    }

    /** The plan's release note: a prepared statement returning payment_id fails once after the swap. */
    @Override
    boolean announced(SQLException e, boolean pg) {
        return "0A000".equals(e.getSQLState()) && String.valueOf(e.getMessage())
                .contains("cached plan must not change result type");
    }

    @Override
    Map<String, List<String>> finalRows(TestDatabase db) {
        Map<String, List<String>> out = new LinkedHashMap<>(keyed(db, "payment",
                "SELECT payment_id, note FROM payment"));
        out.putAll(keyed(db, "refund", "SELECT refund_id, payment_id, qty FROM refund"));
        return out;
    }

    /**
     * Every id once; the identity kept (ALWAYS, bigint, the old sequence's name, one sequence); the sequence goes on
     * beyond every id (a new payment numbered by it lands past the largest); no orphan; the foreign key validated.
     */
    @Override
    List<String> extraChecks(TestDatabase db) {
        return checks(db, "bigint");
    }

    /** After the swap is rolled back: the same, on the INT column the identity is handed back to. */
    @Override
    List<String> extraChecksAfterRollback(TestDatabase db) {
        return checks(db, "integer");
    }

    @Override
    Map<String, List<String>> stateARows(TestDatabase db) {
        return finalRows(db);
    }

    private List<String> checks(TestDatabase db, String type) {
        List<String> out = new ArrayList<>();
        long twice = db.count("SELECT count(*) - count(DISTINCT payment_id) FROM payment");
        if (twice != 0) {
            out.add("payment ids given out twice: " + twice);
        }
        List<String> identity = db.column("SELECT attidentity::text || ' ' || format_type(atttypid, atttypmod) FROM"
                + " pg_attribute WHERE attrelid = 'payment'::regclass AND attname = 'payment_id'");
        if (!identity.equals(List.of("a " + type))) {
            out.add("payment.payment_id identity kind and type: " + identity + ", expected [a " + type + "]");
        }
        List<String> sequence = db.column("SELECT pg_get_serial_sequence('payment', 'payment_id')");
        if (!sequence.equals(List.of(db.scope() + ".payment_payment_id_seq"))) {
            out.add("payment.payment_id's sequence: " + sequence + ", expected " + db.scope()
                    + ".payment_payment_id_seq");
        }
        List<String> sequences = db.column("SELECT sequencename || ' ' || data_type::text FROM pg_sequences"
                + " WHERE schemaname = current_schema()");
        if (!sequences.equals(List.of("payment_payment_id_seq " + type))) {
            out.add("sequences: " + sequences + ", expected [payment_payment_id_seq " + type + "]");
        }
        long max = db.count("SELECT max(payment_id) FROM payment");
        long next = db.count("INSERT INTO payment (note) VALUES ('after the checks') RETURNING payment_id");
        if (next <= max) {
            out.add("identity sequence does not continue beyond the old maximum: next id " + next + ", max " + max);
        }
        long orphans = db.count("SELECT count(*) FROM refund r WHERE NOT EXISTS (SELECT 1 FROM payment p WHERE"
                + " p.payment_id = r.payment_id)");
        if (orphans != 0) {
            out.add("refunds without their payment: " + orphans);
        }
        long fks = db.count("SELECT count(*) FROM pg_constraint WHERE conname = 'fk_refund_payment' AND convalidated"
                + " AND connamespace = current_schema()::regnamespace");
        if (fks != 1) {
            out.add("foreign key fk_refund_payment (validated): " + fks);
        }
        return out;
    }

    @Override
    String key(String table) {
        return table + "_id";
    }

    @Override
    String[] selfcheck() {
        return new String[] {"refund", "payment", "note"};
    }

    @Override
    List<String> tables() {
        return List.of("payment", "refund");
    }
}
