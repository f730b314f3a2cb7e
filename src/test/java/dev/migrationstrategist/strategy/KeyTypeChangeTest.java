package dev.migrationstrategist.strategy;

import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * "Running out of ids": an integer primary key widened together with the foreign-key columns that reference it,
 * planned from State A and run against the real servers; and the key changes that are refused, with the reason.
 */
class KeyTypeChangeTest {
    static final String SAKILA_LIKE = """
            CREATE TABLE payment (payment_id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT, amount DECIMAL(5,2) NOT NULL,
              PRIMARY KEY (payment_id));
            CREATE TABLE refund (refund_id INT NOT NULL AUTO_INCREMENT, payment_id SMALLINT UNSIGNED NOT NULL,
              PRIMARY KEY (refund_id), KEY idx_refund_payment (payment_id),
              CONSTRAINT fk_refund_payment FOREIGN KEY (payment_id) REFERENCES payment (payment_id));
            """;
    static final String PAGILA_LIKE = """
            CREATE TABLE payment (payment_id serial PRIMARY KEY, amount numeric(5,2) NOT NULL);
            CREATE TABLE refund (refund_id serial PRIMARY KEY, payment_id integer NOT NULL
              CONSTRAINT fk_refund_payment REFERENCES payment (payment_id));
            CREATE INDEX idx_refund_payment ON refund (payment_id);
            """;
    static final Map<String, Long> SMALL = Map.of("payment", 2_000L, "refund", 500L);

    private static Plan plan(String dialect, String schema, String change, Map<String, Long> rows) {
        return PlanSteps.plan(dialect, schema, change, rows);
    }

    @Test
    void mariadbWidensTheUnsignedKeyAndItsChildrenKeepingAutoIncrementAndTheForeignKey() throws Exception {
        String change = "ALTER TABLE payment MODIFY payment_id INT UNSIGNED NOT NULL AUTO_INCREMENT;";
        Plan plan = plan("mariadb:10.11", SAKILA_LIKE, change, SMALL);
        assertThat(plan.steps()).hasSize(1);
        SchemaStep step = (SchemaStep) plan.steps().get(0);
        assertThat(step.sql()).containsExactly(
                "SET SESSION lock_wait_timeout = 2;",
                "ALTER TABLE refund DROP FOREIGN KEY fk_refund_payment, ALGORITHM=INSTANT, LOCK=NONE;",
                "ALTER TABLE payment MODIFY payment_id INT UNSIGNED NOT NULL AUTO_INCREMENT, ALGORITHM=COPY,"
                        + " LOCK=SHARED;",
                "ALTER TABLE refund MODIFY payment_id INT UNSIGNED NOT NULL, ALGORITHM=COPY, LOCK=SHARED;",
                "SET SESSION foreign_key_checks = 0;",
                "ALTER TABLE refund ADD CONSTRAINT fk_refund_payment FOREIGN KEY (payment_id) REFERENCES"
                        + " payment (payment_id), ALGORITHM=INSTANT, LOCK=NONE;",
                "SET SESSION foreign_key_checks = 1;");
        assertThat(step.verifySql()).contains("NOT EXISTS");
        assertThat(step.bullets()).as("what is locked and for how long").anySatisfy(b -> assertThat(b)
                .startsWith("Locked: the tables are copied one after the other, `payment` (2,000 rows, under a"
                        + " second), then `refund` (500 rows, under a second)").contains("writes wait"));
        Plan big = plan("mariadb:10.11", SAKILA_LIKE, change, Map.of("payment", 600_000L, "refund", 5_000L));
        assertThat(((SchemaStep) big.steps().get(0)).bullets()).anySatisfy(b -> assertThat(b)
                .contains("`payment` (600,000 rows, about 8 s)").contains("ADD CONSTRAINT, about 8 s"));
        try (TestDatabase db = TestDatabases.mariadb()) {
            db.execute(SAKILA_LIKE.split(";\\s*\\n?\\s*(?=CREATE|$)"));
            db.execute("INSERT INTO payment (payment_id, amount) VALUES (65534, 1.00)",
                    "INSERT INTO refund (payment_id) VALUES (65534)");
            PlanSteps.runAll(db, plan, s -> { });
            // the key now takes ids past SMALLINT UNSIGNED's 65535, numbered by the server, and the children hold them
            db.execute("INSERT INTO payment (amount) VALUES (2.00)", "INSERT INTO payment (amount) VALUES (3.00)",
                    "INSERT INTO refund (payment_id) VALUES (65536)");
            assertThat(db.count("SELECT max(payment_id) FROM payment")).isEqualTo(65536);
            assertThat(db.count("SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + db.scope()
                    + "' AND column_name = 'payment_id' AND column_type = 'int(10) unsigned'")).isEqualTo(2);
            assertThat(db.count("SELECT count(*) FROM information_schema.referential_constraints WHERE"
                    + " constraint_schema = '" + db.scope() + "' AND constraint_name = 'fk_refund_payment'")).isEqualTo(1);
            assertThatThrownBy(() -> db.execute("INSERT INTO refund (payment_id) VALUES (99999)"))
                    .hasMessageContaining("foreign key constraint fails");
            assertThat(db.count("SELECT count(*) FROM refund r JOIN payment p USING (payment_id)")).isEqualTo(2);
            // and back, while the values still fit
            db.execute("DELETE FROM refund WHERE payment_id > 65535", "DELETE FROM payment WHERE payment_id > 65535");
            PlanSteps.execute(db, step.rollback().sql(), false);
            assertThat(db.count("SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + db.scope()
                    + "' AND column_name = 'payment_id' AND column_type = 'smallint(5) unsigned'")).isEqualTo(2);
        }
    }

    @Test
    void postgresWidensTheSerialKeyItsSequenceAndItsChildrenInOneTransaction() throws Exception {
        Plan plan = plan("postgresql:15", PAGILA_LIKE, "ALTER TABLE payment ALTER COLUMN payment_id TYPE bigint;",
                SMALL);
        assertThat(plan.steps()).hasSize(1);
        SchemaStep step = (SchemaStep) plan.steps().get(0);
        assertThat(step.sql()).contains(
                "ALTER TABLE payment ALTER COLUMN payment_id TYPE bigint;",
                "ALTER TABLE refund ALTER COLUMN payment_id TYPE bigint;",
                "ALTER SEQUENCE payment_payment_id_seq AS bigint;");
        try (TestDatabase db = TestDatabases.postgres()) {
            db.execute(PAGILA_LIKE);
            db.execute("INSERT INTO payment (amount) VALUES (1)", "INSERT INTO refund (payment_id) VALUES (1)",
                    "SELECT setval('payment_payment_id_seq', 2147483646)");
            PlanSteps.runAll(db, plan, s -> { });
            db.execute("INSERT INTO payment (amount) VALUES (2)", "INSERT INTO payment (amount) VALUES (3)",
                    "INSERT INTO refund (payment_id) VALUES (2147483648)");
            assertThat(db.count("SELECT max(payment_id) FROM payment")).isEqualTo(2147483648L);
            assertThat(db.count("SELECT count(*) FROM pg_sequences WHERE schemaname = current_schema()"
                    + " AND sequencename = 'payment_payment_id_seq' AND data_type = 'bigint'::regtype")).isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema()"
                    + " AND column_name = 'payment_id' AND data_type = 'bigint'")).isEqualTo(2);
            assertThatThrownBy(() -> db.execute("INSERT INTO refund (payment_id) VALUES (99)"))
                    .hasMessageContaining("fk_refund_payment");
        }
    }

    @Test
    void largeKeyTablesAreRefusedWithTheRouteToTake() {
        // MariaDB: a large key (alone or referenced) takes the shadow-table copy instead (KeyCopyPlanTest)
        assertThatThrownBy(() -> plan("mariadb:10.11", SAKILA_LIKE,
                "ALTER TABLE payment MODIFY payment_id INT UNSIGNED NOT NULL AUTO_INCREMENT;",
                Map.of("payment", 100L)))
                .hasMessageContaining("refund changes with it, and refund is large");
        assertThatThrownBy(() -> plan("postgresql:15", PAGILA_LIKE,
                "ALTER TABLE payment ALTER COLUMN payment_id TYPE bigint;", Map.of()))
                .hasMessageContaining("refund.payment_id (integer) references it and cannot hold every bigint value")
                .hasMessageContaining("refund is large");
        // a column of a composite key is swapped online: the index is built over the key with the new column in
        // its place
        assertThat(plan("postgresql:15", "CREATE TABLE link (a int, b int, PRIMARY KEY (a, b));",
                "ALTER TABLE link ALTER COLUMN a TYPE bigint;", Map.of()).steps().toString())
                .contains("CREATE UNIQUE INDEX CONCURRENTLY link_pkey_new ON link (a_new, b);",
                        "ALTER TABLE link ADD CONSTRAINT link_pkey PRIMARY KEY USING INDEX link_pkey_new;");
    }

    @Test
    void postgresSwapsALargeKeyOnlineAndMovesItsSequenceAndForeignKeys() throws Exception {
        Map<String, Long> largeParent = Map.of("payment", 2_000_000L, "refund", 500L);
        Plan plan = plan("postgresql:15", PAGILA_LIKE, "ALTER TABLE payment ALTER COLUMN payment_id TYPE bigint;",
                largeParent);
        String all = plan.steps().toString();
        assertThat(all).contains("ALTER TABLE refund ALTER COLUMN payment_id TYPE bigint;",
                "CREATE UNIQUE INDEX CONCURRENTLY payment_pkey_new ON payment (payment_id_new);",
                "ALTER TABLE refund DROP CONSTRAINT fk_refund_payment;",
                "ALTER TABLE payment DROP CONSTRAINT payment_pkey;",
                "ALTER TABLE payment ADD CONSTRAINT payment_pkey PRIMARY KEY USING INDEX payment_pkey_new;",
                "ALTER SEQUENCE payment_payment_id_seq AS bigint OWNED BY payment.payment_id;",
                "ALTER TABLE refund ADD CONSTRAINT fk_refund_payment FOREIGN KEY (payment_id) REFERENCES payment"
                        + " (payment_id) NOT VALID;",
                "ALTER TABLE refund VALIDATE CONSTRAINT fk_refund_payment;");
        try (TestDatabase db = TestDatabases.postgres()) {
            db.execute(PAGILA_LIKE);
            db.execute("INSERT INTO payment (amount) SELECT 1 FROM generate_series(1, 50)",
                    "INSERT INTO refund (payment_id) SELECT g FROM generate_series(1, 50, 7) g",
                    "SELECT setval('payment_payment_id_seq', 2147483600)");
            PlanSteps.runAll(db, plan, s -> db.execute("INSERT INTO payment (amount) VALUES (5)"));
            db.execute("SELECT setval('payment_payment_id_seq', 2147483647)",
                    "INSERT INTO payment (amount) VALUES (2)", "INSERT INTO refund (payment_id) VALUES (2147483648)");
            assertThat(db.count("SELECT max(payment_id) FROM payment")).isEqualTo(2147483648L);
            assertThat(db.count("SELECT count(*) FROM payment")).isEqualTo(50 + plan.steps().size() + 1);
            assertThat(db.count("SELECT count(*) FROM refund r JOIN payment p USING (payment_id)")).isEqualTo(9);
            assertThat(db.column("SELECT column_name FROM information_schema.columns WHERE table_schema ="
                    + " current_schema() AND table_name = 'payment' ORDER BY ordinal_position"))
                    .containsExactly("amount", "payment_id");
            assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE conname = 'payment_pkey' AND contype = 'p'"
                    + " AND conrelid = 'payment'::regclass")).isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE conname = 'fk_refund_payment' AND"
                    + " convalidated AND connamespace = current_schema()::regnamespace")).isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM pg_depend d JOIN pg_class s ON s.oid = d.objid WHERE"
                    + " s.relname = 'payment_payment_id_seq' AND d.refobjid = 'payment'::regclass AND d.deptype = 'a'"))
                    .as("the sequence belongs to the new column").isEqualTo(1);
        }
    }

    @Test
    void postgresIdentityKeyReadFromTheCatalogIsSwappedOnlineWithItsNumberingOrWidenedDirectlyWhenSmall()
            throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            db.execute("CREATE TABLE ticket (ticket_id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, note text)",
                    "INSERT INTO ticket (note) VALUES ('a'), ('b')");
            var database = new dev.migrationstrategist.db.Database(db.jdbcUrl(), db.user(), db.password());
            String change = "ALTER TABLE ticket ALTER COLUMN ticket_id TYPE bigint;";
            // large (unknown size): the swap hands the identity (its kind, its sequence's value and name) over
            List<String> swap = Strategist.configure().liveDatabase(database).load().planSql(change).plan().steps()
                    .stream().filter(s -> s instanceof SchemaStep k && k.sql().stream().anyMatch(q -> q.contains(
                            "PRIMARY KEY USING INDEX"))).flatMap(s -> ((SchemaStep) s).sql().stream()).toList();
            assertThat(swap).containsSubsequence("ALTER TABLE ticket DROP CONSTRAINT ticket_pkey;",
                    "ALTER TABLE ticket ALTER COLUMN ticket_id_new ADD GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME"
                            + " ticket_ticket_id_seq_new);",
                    "SELECT setval('ticket_ticket_id_seq_new', last_value, is_called) FROM ticket_ticket_id_seq;",
                    "ALTER TABLE ticket ALTER COLUMN ticket_id DROP IDENTITY;",
                    "ALTER SEQUENCE ticket_ticket_id_seq_new RENAME TO ticket_ticket_id_seq;",
                    "ALTER TABLE ticket RENAME COLUMN ticket_id TO ticket_id_old;",
                    "ALTER TABLE ticket ALTER COLUMN ticket_id_old DROP NOT NULL;");
            Plan small = Strategist.configure().liveDatabase(database).rows("ticket", 2).load().planSql(change).plan();
            PlanSteps.runAll(db, small, s -> { });
            db.execute("INSERT INTO ticket (note) VALUES ('c')");
            assertThat(db.count("SELECT max(ticket_id) FROM ticket")).isEqualTo(3);
            assertThat(db.column("SELECT data_type FROM information_schema.columns WHERE table_schema ="
                    + " current_schema() AND column_name = 'ticket_id'")).containsExactly("bigint");
        }
    }

    @Test
    void aForeignKeyColumnAloneCannotLeaveItsKeysTypeOnMariaDb() {
        assertThatThrownBy(() -> plan("mariadb:10.11", SAKILA_LIKE,
                "ALTER TABLE refund MODIFY payment_id INT UNSIGNED NOT NULL;", SMALL))
                .hasMessageContaining("refund.payment_id reference payment.payment_id (SMALLINT UNSIGNED)")
                .hasMessageContaining("change the type of payment.payment_id instead");
        // PostgreSQL compares integers of different widths: a child can be widened on its own
        Plan pg = plan("postgresql:15", PAGILA_LIKE, "ALTER TABLE refund ALTER COLUMN payment_id TYPE bigint;", SMALL);
        assertThat(((SchemaStep) pg.steps().get(0)).sql())
                .contains("ALTER TABLE refund ALTER COLUMN payment_id TYPE bigint;");
    }

    @Test
    void modifyMustRestateAutoIncrement() {
        assertThatThrownBy(() -> plan("mariadb:10.11", SAKILA_LIKE,
                "ALTER TABLE payment MODIFY payment_id INT UNSIGNED NOT NULL;", SMALL))
                .hasMessageContaining("leaves out AUTO_INCREMENT, which payment.payment_id has");
    }

    @Test
    void aForeignKeyBetweenSignedAndUnsignedColumnsIsRefusedAtPlanTimeNamingBoth() throws Exception {
        String schema = SAKILA_LIKE + "CREATE TABLE note (id INT PRIMARY KEY, payment_id INT);";
        assertThatThrownBy(() -> Strategist.configure().dialect("mariadb:10.11").schemaSql(schema).load()
                .planSql("ALTER TABLE note ADD CONSTRAINT fk_note FOREIGN KEY (payment_id) REFERENCES payment"
                        + " (payment_id);").plan())
                .isInstanceOf(StrategistException.class)
                .hasMessageContaining("note.payment_id (INT) cannot reference payment.payment_id (SMALLINT UNSIGNED)")
                .hasMessageContaining("UNSIGNED");
        assertThatThrownBy(() -> Strategist.configure().dialect("mariadb:10.11").schemaSql(SAKILA_LIKE).load()
                .planSql("CREATE TABLE note (id INT PRIMARY KEY, payment_id INT UNSIGNED,"
                        + " CONSTRAINT fk_note FOREIGN KEY (payment_id) REFERENCES payment (payment_id));").plan())
                .hasMessageContaining("note.payment_id (INT UNSIGNED) cannot reference payment.payment_id");
        // what the server would have said: the plan-time refusal is not stricter than InnoDB
        try (TestDatabase db = TestDatabases.mariadb()) {
            db.execute(schema.split(";\\s*\\n?\\s*(?=CREATE|$)"));
            assertThatThrownBy(() -> db.execute("ALTER TABLE note ADD CONSTRAINT fk_note FOREIGN KEY (payment_id)"
                    + " REFERENCES payment (payment_id)")).hasMessageContaining("errno: 150");
        }
        // PostgreSQL accepts integer columns of different widths on both sides
        Strategist.configure().dialect("postgresql:15").schemaSql(PAGILA_LIKE
                        + "CREATE TABLE note (id int PRIMARY KEY, payment_id bigint);").load()
                .planSql("ALTER TABLE note ADD CONSTRAINT fk_note FOREIGN KEY (payment_id) REFERENCES payment"
                        + " (payment_id);").plan();
    }
}
