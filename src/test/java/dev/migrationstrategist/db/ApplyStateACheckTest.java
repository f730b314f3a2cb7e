package dev.migrationstrategist.db;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationstrategist.cli.Cli;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * apply compares the live database with the plan's State A before the first step: a plan made where
 * {@code accounts.name} exists is refused where the column is called {@code nm}, with nothing run and nothing
 * written to the state tables; a plan made from the live database itself is accepted; once a step of the plan has
 * run, the catalog is no longer compared (it differs from State A by design).
 */
class ApplyStateACheckTest {
    static final String ACCOUNTS = "CREATE TABLE accounts (id BIGINT PRIMARY KEY, %s VARCHAR(100) NOT NULL,"
            + " email VARCHAR(255))";
    static final String NOTES = "CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT)";

    @Test
    @Tag("postgres")
    void postgresRefusesAPlanMadeWhereAccountsNameExistsWhereItIsCalledNm() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("fp_")) {
            refusedWhereTheColumnIsCalledNm(db, "postgresql:15");
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbRefusesAPlanMadeWhereAccountsNameExistsWhereItIsCalledNm() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb("fp_")) {
            refusedWhereTheColumnIsCalledNm(db, "mariadb:10.11");
        }
    }

    private static void refusedWhereTheColumnIsCalledNm(TestDatabase db, String dialect) throws Exception {
        db.execute(ACCOUNTS.formatted("nm"), NOTES);
        // an earlier plan, made from this very database and applied: the state tables exist and hold its steps
        Path earlier = ProofRun.planFromDb(db, "--sql", "ALTER TABLE notes ADD COLUMN tag VARCHAR(20)");
        Cli first = ProofRun.apply(db, earlier);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("State A checked");
        List<List<String>> plansBefore = db.rows("SELECT * FROM strategist_plans ORDER BY plan_id");
        List<List<String>> stepsBefore = db.rows("SELECT * FROM strategist_steps ORDER BY plan_id, step");

        Path schema = Path.of(ApplyScenario.tempDir().toString(), "schema.sql");
        java.nio.file.Files.writeString(schema, ACCOUNTS.formatted("name") + ";\n" + NOTES + ";\n");
        Path plan = ProofRun.plan("--dialect", dialect, "--schema", schema.toString(),
                "rename column accounts.name to full_name");
        Cli refused = ProofRun.apply(db, plan);

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.errLines()).hasSize(1);
        assertThat(refused.err()).contains("the database is not the State A plan",
                "column accounts.name: in the plan's State A, missing in the database (found nm)",
                "nothing was run");
        assertThat(ProofRun.triggers(db)).as("no sync trigger installed").isZero();
        assertThat(db.columns("accounts")).containsExactly("id", "nm", "email");
        assertThat(db.rows("SELECT * FROM strategist_plans ORDER BY plan_id")).isEqualTo(plansBefore);
        assertThat(db.rows("SELECT * FROM strategist_steps ORDER BY plan_id, step")).isEqualTo(stepsBefore);

        // a dry run is refused the same way
        Cli dry = ProofRun.apply(db, plan, "--dry-run");
        assertThat(dry.exitCode()).isEqualTo(1);
        assertThat(dry.err()).contains("(found nm)");
    }

    @Test
    @Tag("postgres")
    void postgresNamesEveryKindOfDifference() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("fp_")) {
            db.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY, name VARCHAR(50) NOT NULL, email VARCHAR(255),"
                    + " extra INT)", "CREATE TABLE payments (id BIGINT PRIMARY KEY, account_id BIGINT)");
            Path schema = Path.of(ApplyScenario.tempDir().toString(), "schema.sql");
            java.nio.file.Files.writeString(schema, """
                    CREATE TABLE accounts (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(255));
                    CREATE INDEX accounts_email_idx ON accounts (email);
                    CREATE TABLE payments (id BIGINT PRIMARY KEY,
                        account_id BIGINT REFERENCES accounts (id));
                    """);
            Path plan = ProofRun.plan("--dialect", "postgresql:15", "--schema", schema.toString(),
                    "rename column accounts.email to email_address");
            Cli refused = ProofRun.apply(db, plan);
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err()).contains(
                    "column accounts.name: varchar(100) not null in the plan's State A, varchar(50) not null in the"
                            + " database",
                    "column accounts.extra: in the database, not in the plan's State A",
                    "table accounts: index email name=accounts_email_idx using btree: in the plan's State A, missing"
                            + " in the database",
                    "table payments: foreign key account_id -> accounts(id): in the plan's State A, missing in the"
                            + " database");
            assertThat(ProofRun.stateTables(db)).isEmpty();
        }
    }

    @Test
    @Tag("postgres")
    void postgresAPlanFromTheLiveDatabaseIsAcceptedAndCarriesTheLiveRowCounts() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("fp_")) {
            planFromTheLiveDatabase(db, "INSERT INTO accounts SELECT g, 'n' || g, NULL FROM generate_series(1, 500) g",
                    "ANALYZE accounts");
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbAPlanFromTheLiveDatabaseIsAcceptedAndCarriesTheLiveRowCounts() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb("fp_")) {
            planFromTheLiveDatabase(db, "INSERT INTO accounts SELECT seq, CONCAT('n', seq), NULL FROM seq_1_to_500",
                    "ANALYZE TABLE accounts");
        }
    }

    private static void planFromTheLiveDatabase(TestDatabase db, String... fill) throws Exception {
        db.execute(ACCOUNTS.formatted("name"), NOTES);
        db.execute(fill);
        Path plan = ProofRun.planFromDb(db, "--sql", "ALTER TABLE accounts ALTER COLUMN email SET DEFAULT 'none'",
                "change type of accounts.name to varchar(200)");
        ObjectNode json = ProofRun.json(plan);
        assertThat(json.at("/options/rows/accounts").asLong()).as("live row estimate").isPositive();
        assertThat(json.at("/state_a/tables/0/name").asText()).isEqualTo("accounts");
        Cli run = ProofRun.apply(db, plan);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("its steps are what its changes, options and state_a give", "State A checked");
    }

    @Test
    @Tag("postgres")
    void serialColumnsWrittenInDdlAreNoDifference() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("fp_")) {
            String ddl = "CREATE TABLE events (id SERIAL PRIMARY KEY, n BIGSERIAL, small SMALLSERIAL,"
                    + " kind VARCHAR(20) NOT NULL DEFAULT 'click', seen TIMESTAMPTZ DEFAULT now())";
            db.execute(ddl);
            Path schema = Path.of(ApplyScenario.tempDir().toString(), "schema.sql");
            java.nio.file.Files.writeString(schema, ddl + ";\n");
            Path plan = ProofRun.plan("--dialect", "postgresql:15", "--schema", schema.toString(),
                    "rename column events.kind to event_kind");
            Cli run = ProofRun.apply(db, plan);
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("State A checked");
        }
    }

    @Test
    @Tag("postgres")
    void partialAndExpressionIndexesWrittenInDdlAreNoDifference() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("fp_")) {
            String[] ddl = {"CREATE TABLE items (id BIGINT PRIMARY KEY, qty INT, name TEXT, status VARCHAR(10))",
                    "CREATE INDEX items_qty_idx ON items (qty) WHERE qty > 10",
                    "CREATE INDEX items_active_idx ON items (status) WHERE status = 'active'",
                    "CREATE UNIQUE INDEX items_lower_name_key ON items (lower(name))",
                    "CREATE INDEX items_name_gin ON items USING gin (to_tsvector('simple', name))"};
            db.execute(ddl);
            Path schema = Path.of(ApplyScenario.tempDir().toString(), "schema.sql");
            java.nio.file.Files.writeString(schema, String.join(";\n", ddl) + ";\n");
            Path plan = ProofRun.plan("--dialect", "postgresql:15", "--schema", schema.toString(),
                    "add column items.note varchar(20) not null default 'x'");
            Cli run = ProofRun.apply(db, plan);
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("State A checked");
        }
    }

    @Test
    @Tag("postgres")
    void enumTypesAndDomainsTheChangesNameAreComparedToo() throws Exception {
        String ddl = """
                CREATE TYPE shipment_state AS ENUM ('new', 'sent');
                CREATE DOMAIN quantity AS integer CONSTRAINT quantity_positive CHECK (VALUE > 0);
                CREATE TABLE shipments (id BIGINT PRIMARY KEY, state shipment_state NOT NULL DEFAULT 'new',
                    qty quantity);
                """;
        Path schema = Path.of(ApplyScenario.tempDir().toString(), "schema.sql");
        java.nio.file.Files.writeString(schema, ddl);
        Path plan = ProofRun.plan("--dialect", "postgresql:15", "--schema", schema.toString(),
                "add value 'returned' to enum shipment_state", "add check quantity_small on domain quantity (VALUE < 1000)");
        ObjectNode json = ProofRun.json(plan);
        assertThat(json.at("/state_a/enums/0/name").asText()).isEqualTo("shipment_state");
        assertThat(json.at("/state_a/domains/0/name").asText()).isEqualTo("quantity");
        assertThat(json.at("/state_a/tables/0/name").asText()).isEqualTo("shipments");
        try (TestDatabase db = TestDatabases.postgres("fp_")) {
            db.execute(ddl.split(";\\s*"));
            Cli run = ProofRun.apply(db, plan);
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("State A checked");
        }
        try (TestDatabase db = TestDatabases.postgres("fp_")) {
            db.execute(ddl.replace("'sent'", "'sent', 'lost'").replace(" CONSTRAINT quantity_positive", "")
                    .split(";\\s*"));
            Cli run = ProofRun.apply(db, plan);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).contains("enum type shipment_state: values [new, sent] in the plan's State A,"
                    + " [new, sent, lost] in the database", "domain quantity: int null checks [quantity_positive] in"
                    + " the plan's State A, int null checks [quantity_check] in the database");
        }
    }

    @Test
    @Tag("postgres")
    void onceAStepOfThePlanRanTheCatalogIsNotComparedAgain() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("fp_")) {
            ApplyScenario.seed(db, 100);
            Path plan = ApplyScenario.writePlan("postgresql:15", ApplyScenario.tempDir());
            Cli expand = ProofRun.apply(db, plan);
            assertThat(expand.exitCode()).as(expand.toString()).isZero();
            assertThat(expand.out()).contains("State A checked");
            assertThat(db.columns("users")).contains("full_name"); // no longer State A
            Cli backfill = ProofRun.apply(db, plan, "--through", "backfill");
            assertThat(backfill.exitCode()).as(backfill.toString()).isZero();
            assertThat(backfill.out()).contains("State A not compared: step 1 of plan", "has already run");
        }
    }
}
