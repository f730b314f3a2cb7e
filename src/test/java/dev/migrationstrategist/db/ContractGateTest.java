package dev.migrationstrategist.db;

import dev.migrationstrategist.cli.Cli;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The check before a contract looks only at what the plan created: a schema that keeps a NOT VALID constraint and an
 * INVALID index of its own (a failed concurrent build) on purpose still lets a rename run through its contract, while
 * a constraint the plan itself created and left NOT VALID is named.
 */
@Tag("postgres")
class ContractGateTest {

    @Test
    void aDeliberateNotValidConstraintAndAnInvalidIndexElsewhereDoNotStopTheContract() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("i15r_")) {
            db.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL)",
                    "INSERT INTO accounts VALUES (1, 'a'), (2, 'b')",
                    "CREATE TABLE legacy (id BIGINT PRIMARY KEY, x INT)",
                    "INSERT INTO legacy VALUES (1, -1), (2, 5), (3, 5)",
                    "ALTER TABLE legacy ADD CONSTRAINT legacy_x_positive CHECK (x > 0) NOT VALID");
            assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY legacy_x_unique ON legacy (x)"))
                    .as("the failed concurrent build leaves an INVALID index behind").isNotNull();
            assertThat(db.count("SELECT count(*) FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid"
                    + " WHERE NOT x.indisvalid AND c.relname = 'legacy_x_unique'")).isEqualTo(1);

            Path plan = ProofRun.planFromDb(db, "rename column accounts.name to full_name");
            Cli applied = ProofRun.apply(db, plan, "--through", "contract", "--confirm-contract");

            assertThat(applied.exitCode()).as(applied.toString()).isZero();
            assertThat(db.columns("accounts")).containsExactly("id", "full_name");
            assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE conname = 'legacy_x_positive'"
                    + " AND NOT convalidated")).as("the deliberate NOT VALID constraint is left alone").isEqualTo(1);
        }
    }

    @Test
    void aConstraintThePlanCreatedAndLeftNotValidIsNamed() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("i15r_")) {
            db.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY)",
                    "CREATE TABLE orders (id BIGINT PRIMARY KEY, account_id BIGINT)",
                    "CREATE TABLE legacy (id BIGINT PRIMARY KEY, x INT)",
                    "ALTER TABLE legacy ADD CONSTRAINT legacy_x_positive CHECK (x > 0) NOT VALID");
            Path plan = ProofRun.planFromDb(db, "--sql", "ALTER TABLE orders ADD CONSTRAINT orders_account_fk"
                    + " FOREIGN KEY (account_id) REFERENCES accounts (id)");
            PlanFile file = PlanFile.read(plan);
            try (Connection c = db.newConnection()) {
                assertThat(ContractGate.unfinished(c, file.steps())).as("nothing created yet").isEmpty();
                db.execute("ALTER TABLE orders ADD CONSTRAINT orders_account_fk FOREIGN KEY (account_id)"
                        + " REFERENCES accounts (id) NOT VALID");
                assertThat(ContractGate.unfinished(c, file.steps()))
                        .containsExactly("constraint orders_account_fk on orders");
                db.execute("ALTER TABLE orders VALIDATE CONSTRAINT orders_account_fk");
                assertThat(ContractGate.unfinished(c, file.steps())).isEmpty();
            }
        }
    }
}
