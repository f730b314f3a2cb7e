package dev.migrationstrategist.db;

import dev.migrationstrategist.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Application traffic on {@code customers} and {@code orders (id, customer_id, qty, note)}: writers insert orders
 * (and now and then a customer), update the quantity and customer of orders they own ({@code id % writers == k}, so
 * the last value of every row is known exactly) and read quantities back. Writers only reference customers that
 * exist. Once {@link #writeBigQuantities()} is called (after a swap to bigint) every written quantity is beyond the
 * INT range. A read that hits PostgreSQL's {@code cached plan must not change result type} once after the swap is
 * retried, as the plan's app release tells v1.1 to; such retries are counted, every other error is recorded.
 */
final class OrdersWorkload implements AutoCloseable {
    static final long CUSTOMERS = 1_000;
    static final long BIG = 3_000_000_000L;

    /** The last values written to one order. */
    record Row(long customerId, long qty) {
    }

    private final TestDatabase db;
    private final int writers;
    private final long baseRows;
    private final Map<Long, Row> expected = new ConcurrentHashMap<>();
    private final List<Long> newCustomers = new CopyOnWriteArrayList<>();
    private final AtomicLong nextOrderId;
    private final AtomicLong nextCustomerId = new AtomicLong(CUSTOMERS + 1);
    private final AtomicLong operations = new AtomicLong();
    private final AtomicLong rePrepares = new AtomicLong();
    private final AtomicLong bigWrites = new AtomicLong();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean big;
    private volatile boolean running = true;

    OrdersWorkload(TestDatabase db, int writers, long baseRows) {
        this.db = db;
        this.writers = writers;
        this.baseRows = baseRows;
        this.nextOrderId = new AtomicLong(baseRows + 1);
    }

    /** customers 1..1000 and {@code rows} orders: customer (id % 1000) + 1, qty id % 1000. */
    static void seed(TestDatabase db, long rows, boolean bigintQty) {
        boolean pg = db.family().equals("postgresql");
        String series = pg ? "generate_series(1, " + rows + ") g" : "seq_1_to_" + rows;
        String n = pg ? "g" : "seq";
        db.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL)",
                "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, qty "
                        + (bigintQty ? "BIGINT" : "INT") + " NOT NULL, note VARCHAR(100))",
                "INSERT INTO customers (id, name) SELECT " + n + ", 'c' FROM " + series + " WHERE " + n + " <= "
                        + CUSTOMERS,
                "INSERT INTO orders (id, customer_id, qty, note) SELECT " + n + ", " + n + " % " + CUSTOMERS
                        + " + 1, " + n + " % 1000, 'seed' FROM " + series);
    }

    static Row seeded(long id) {
        return new Row(id % CUSTOMERS + 1, id % 1000);
    }

    void start() {
        for (int k = 0; k < writers; k++) {
            int me = k;
            Thread t = new Thread(() -> loop(me), "orders-writer-" + k);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** From now on every quantity written is beyond the INT range (the column is bigint by now). */
    void writeBigQuantities() {
        big = true;
    }

    private void loop(int me) {
        try (Connection c = db.newConnection()) {
            while (running) {
                try {
                    int dice = ThreadLocalRandom.current().nextInt(20);
                    if (dice == 0) {
                        insertCustomer(c);
                    } else if (dice < 6) {
                        insertOrder(c);
                    } else if (dice < 10) {
                        read(c, me);
                    } else {
                        update(c, me);
                    }
                    operations.incrementAndGet();
                } catch (SQLException e) {
                    if (errors.size() < 20) {
                        errors.add(Thread.currentThread().getName() + ": [" + e.getSQLState() + "] "
                                + e.getMessage());
                    }
                }
                Thread.sleep(1);
            }
        } catch (SQLException | InterruptedException e) {
            errors.add("connection: " + e.getMessage());
        }
    }

    private long qty() {
        boolean b = big;
        long v = ThreadLocalRandom.current().nextLong(1_000_000);
        if (b) {
            bigWrites.incrementAndGet();
            return BIG + v;
        }
        return v;
    }

    private long customer() {
        int known = newCustomers.size();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        if (known > 0 && r.nextBoolean()) {
            return newCustomers.get(r.nextInt(known));
        }
        return r.nextLong(1, CUSTOMERS + 1);
    }

    private void insertCustomer(Connection c) throws SQLException {
        long id = nextCustomerId.getAndIncrement();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers (id, name) VALUES (?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, "new-" + id);
            ps.executeUpdate();
        }
        newCustomers.add(id);
    }

    private void insertOrder(Connection c) throws SQLException {
        long id = nextOrderId.getAndIncrement();
        Row row = new Row(customer(), qty());
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO orders (id, customer_id, qty, note) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setLong(2, row.customerId());
            ps.setLong(3, row.qty());
            ps.setString(4, "app");
            ps.executeUpdate();
        }
        expected.put(id, row);
    }

    private long ownedId(int me) {
        return ThreadLocalRandom.current().nextLong(0, baseRows / writers) * writers + me + 1;
    }

    private void update(Connection c, int me) throws SQLException {
        long id = ownedId(me);
        Row row = new Row(customer(), qty());
        try (PreparedStatement ps = c.prepareStatement("UPDATE orders SET customer_id = ?, qty = ? WHERE id = ?")) {
            ps.setLong(1, row.customerId());
            ps.setLong(2, row.qty());
            ps.setLong(3, id);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("order " + id + " is gone");
            }
        }
        expected.put(id, row);
    }

    /** Reads back a quantity this writer owns and checks it. */
    private void read(Connection c, int me) throws SQLException {
        long id = ownedId(me);
        long got;
        try {
            got = readQty(c, id);
        } catch (SQLException e) {
            if (!"0A000".equals(e.getSQLState())) {
                throw e;
            }
            rePrepares.incrementAndGet(); // the swap changed the result type: re-prepare, as v1.1 is told to
            got = readQty(c, id);
        }
        long want = expected.getOrDefault(id, seeded(id)).qty();
        if (got != want) {
            throw new SQLException("order " + id + ": read qty " + got + ", last written " + want);
        }
    }

    private static long readQty(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT qty FROM orders WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("order " + id + " is missing");
                }
                return rs.getLong(1);
            }
        }
    }

    Map<Long, Row> expected() {
        return expected;
    }

    List<String> errors() {
        return errors;
    }

    long operations() {
        return operations.get();
    }

    long rePrepares() {
        return rePrepares.get();
    }

    long bigWrites() {
        return bigWrites.get();
    }

    long insertedOrders() {
        return nextOrderId.get() - baseRows - 1;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(10_000);
        }
    }
}
