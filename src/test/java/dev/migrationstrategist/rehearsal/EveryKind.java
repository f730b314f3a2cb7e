package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.testing.TestDatabase;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One rehearsal case per change kind, on schemas shaped like the golden cases': the change (a phrase, whose naive
 * side is the change's own DDL, or naive SQL) per engine, and the SQLSTATE the naive side's old app gets where the
 * plan prevents a break.
 */
record EveryKind(String kind, String schema, String postgres, String mariadb, String postgresBreak,
                 String mariadbBreak, boolean small) {
    /** A case planned with the tables treated as large (the default, what an unknown size gets). */
    EveryKind(String kind, String schema, String postgres, String mariadb, String postgresBreak, String mariadbBreak) {
        this(kind, schema, postgres, mariadb, postgresBreak, mariadbBreak, false);
    }

    static final String BASE = """
            CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL);
            CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(255) NOT NULL, email VARCHAR(255),
                                status VARCHAR(20) NOT NULL DEFAULT 'active', score INT NOT NULL DEFAULT 0,
                                total NUMERIC(10,2));
            CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, qty INT NOT NULL DEFAULT 1,
                                 total NUMERIC(12,2), note TEXT);
            CREATE INDEX orders_total_idx ON orders (total);
            CREATE TABLE events (legacy_id BIGINT NOT NULL, payload VARCHAR(1000));
            CREATE UNIQUE INDEX events_legacy_id_key ON events (legacy_id);
            """;
    static final String SPLIT = """
            CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(255) NOT NULL, bio TEXT,
                                avatar_url VARCHAR(500) NOT NULL DEFAULT '');
            """;
    static final String MOVE = SPLIT + """
            CREATE TABLE user_profiles (user_id BIGINT PRIMARY KEY, twitter VARCHAR(100),
              CONSTRAINT user_profiles_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE);
            """;
    static final String MERGE = """
            CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(255) NOT NULL);
            CREATE TABLE user_profiles (user_id BIGINT PRIMARY KEY, bio TEXT,
              avatar_url VARCHAR(500) NOT NULL DEFAULT '',
              CONSTRAINT user_profiles_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id));
            """;
    static final String PG_ENUM = """
            CREATE TYPE status_t AS ENUM ('new', 'paid');
            CREATE TABLE orders (id BIGINT PRIMARY KEY, status status_t NOT NULL);
            """;
    static final String MY_ENUM = "CREATE TABLE orders (id BIGINT PRIMARY KEY, status ENUM('new', 'paid') NOT NULL);";
    static final String DOMAIN = """
            CREATE DOMAIN quantity AS integer NOT NULL CONSTRAINT quantity_bounded CHECK (VALUE < 1000000);
            CREATE TABLE orders (id BIGINT PRIMARY KEY, quantity quantity);
            CREATE TABLE order_lines (id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL, quantity quantity);
            """;
    static final String COMPOSITE = """
            CREATE TABLE order_lines (order_id BIGINT NOT NULL, line_no INT NOT NULL, sku VARCHAR(40) NOT NULL,
                                      qty INT NOT NULL DEFAULT 1, PRIMARY KEY (order_id, line_no));
            """;

    static List<EveryKind> all() {
        List<EveryKind> out = new ArrayList<>();
        // MariaDB: a CHECK on a large table goes through pt-online-schema-change, which rehearse does not run (see
        // the MariaDB test); the plan for a table of the rehearsal's own size (a copy with LOCK=SHARED) is rehearsed
        out.add(new EveryKind("add_check", BASE, "ALTER TABLE orders ADD CONSTRAINT orders_qty_positive CHECK (qty > 0)",
                null, null, null));
        out.add(new EveryKind("add_check", BASE, null, "ALTER TABLE orders ADD CONSTRAINT orders_qty_positive"
                + " CHECK (qty > 0)", null, null, true));
        out.add(both("add_column", BASE, "ALTER TABLE users ADD COLUMN nickname VARCHAR(50)"));
        out.add(new EveryKind("add_domain_check", DOMAIN,
                "ALTER DOMAIN quantity ADD CONSTRAINT quantity_positive CHECK (VALUE > 0)", null, null, null));
        out.add(new EveryKind("add_enum_value", PG_ENUM, "add value 'archived' to enum status_t after 'new'", null,
                null, null));
        // an inline ENUM gets its value through a type change of the column
        out.add(new EveryKind("change_column_type", MY_ENUM, null, "add value 'archived' to enum orders.status", null,
                null));
        out.add(both("add_foreign_key", BASE, "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey"
                + " FOREIGN KEY (customer_id) REFERENCES customers (id)"));
        out.add(both("add_primary_key", BASE, "ALTER TABLE events ADD PRIMARY KEY (legacy_id)"));
        out.add(both("add_unique", BASE, "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_id_key"
                + " UNIQUE (customer_id, id)"));
        out.add(both("change_column_type", BASE, "change type of orders.qty to bigint"));
        out.add(both("create_index", BASE, "CREATE INDEX orders_customer_id_idx ON orders (customer_id)"));
        out.add(both("create_table", BASE, "CREATE TABLE audit_log (id BIGINT PRIMARY KEY, note VARCHAR(200))"));
        out.add(new EveryKind("drop_column", BASE, "ALTER TABLE users DROP COLUMN total",
                "ALTER TABLE users DROP COLUMN total", "42703", "42S22"));
        // v1.0 leaves status out of its INSERTs: without the default they violate NOT NULL
        out.add(new EveryKind("drop_default", BASE, "ALTER TABLE users ALTER COLUMN status DROP DEFAULT",
                "ALTER TABLE users ALTER COLUMN status DROP DEFAULT", "23502", "HY000"));
        out.add(new EveryKind("drop_domain_check", DOMAIN, "drop check quantity_bounded on domain quantity", null,
                null, null));
        out.add(new EveryKind("drop_index", BASE, "DROP INDEX orders_total_idx",
                "DROP INDEX orders_total_idx ON orders", null, null));
        out.add(both("drop_not_null", BASE, "drop not null on users.name"));
        out.add(new EveryKind("drop_table", BASE, "DROP TABLE events", "DROP TABLE events", "42P01", "42S02"));
        out.add(new EveryKind("merge_table", MERGE, "merge table user_profiles into users",
                "merge table user_profiles into users", null, null));
        out.add(new EveryKind("move_columns", MOVE, "move columns bio, avatar_url from users to user_profiles",
                "move columns bio, avatar_url from users to user_profiles", null, null));
        out.add(new EveryKind("rename_column", BASE, "rename column users.name to full_name",
                "rename column users.name to full_name", "42703", "42S22"));
        // a composite primary key: clients find their rows by both columns; v1.0 leaves qty to its default
        out.add(new EveryKind("drop_default", COMPOSITE, "ALTER TABLE order_lines ALTER COLUMN qty DROP DEFAULT",
                "ALTER TABLE order_lines ALTER COLUMN qty DROP DEFAULT", "23502", "HY000"));
        // the naive RENAME VALUE makes v1.0's writes of 'paid' fail until the switch
        out.add(new EveryKind("rename_enum_value", PG_ENUM, "rename value 'paid' of enum status_t to 'settled'",
                null, "22P02", null));
        out.add(new EveryKind("rename_table", BASE, "ALTER TABLE orders RENAME TO purchases",
                "ALTER TABLE orders RENAME TO purchases", "42P01", "42S02"));
        out.add(both("set_default", BASE, "set default of users.email to 'none'"));
        out.add(both("set_not_null", BASE, "set not null on users.email"));
        // the naive split drops bio and avatar_url from users while v1.0 still writes them there
        out.add(new EveryKind("split_table", SPLIT, "split table users columns bio, avatar_url into user_profiles",
                "split table users columns bio, avatar_url into user_profiles", "42703", "42S22"));
        return out;
    }

    private static EveryKind both(String kind, String schema, String change) {
        return new EveryKind(kind, schema, change, change, null, null);
    }

    static Stream<EveryKind> postgresCases() {
        return all().stream().filter(c -> c.postgres != null).filter(EveryKind::picked);
    }

    static Stream<EveryKind> mariadbCases() {
        return all().stream().filter(c -> c.mariadb != null).filter(EveryKind::picked);
    }

    /** {@code -Deverykind.kind=rename_enum_value} runs that kind's cases only (to rerun one case several times). */
    private static boolean picked(EveryKind c) {
        String kind = System.getProperty("everykind.kind");
        return kind == null || kind.isBlank() || kind.equals(c.kind);
    }

    @Override
    public String toString() {
        return kind + (schema.equals(COMPOSITE) ? " (composite key)" : "")
                + (small ? " (small table)" : "");
    }

    /** Rehearses the case and asserts every invariant of the plan side, and the naive side's break if any. */
    void check(TestDatabase db, String change, String naiveBreak) {
        RehearsalResult r = RehearsalRun.quick(db, schema, change, small);
        assertThat(r.plan().changes()).extracting(Change::kind).contains(kind);
        RehearsalRun.assertEveryInvariantHolds(r.planSide());
        assertThat(r.exitCode()).isZero();
        assertThat(r.planSide().operations()).as("the clients ran").isGreaterThan(50);
        assertThat(r.naiveSide().ran()).as("the naive side ran: " + r.naiveSide()).isTrue();
        assertThat(r.naiveSide().statements()).isNotEmpty().allSatisfy(s -> assertThat(s).contains(" ms, "));
        if (naiveBreak != null) {
            assertThat(r.naiveSide().sqlStates()).as("the old app breaks on the naive side").contains(naiveBreak);
        }
        assertThat(RehearsalRun.leftovers(db, r)).as("scratch namespaces dropped").isEmpty();
    }
}
