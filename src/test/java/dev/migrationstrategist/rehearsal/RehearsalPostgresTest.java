package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Rehearsals on the local PostgreSQL: the plan holds every invariant; the naive statement breaks the old app. */
@Tag("postgres")
class RehearsalPostgresTest {
    /** State A of the bundled example. */
    static final String USERS = RehearsalRun.example("schema.sql");
    static final String ORDERS = """
            CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL);
            CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL REFERENCES customers (id),
                                 qty INT NOT NULL DEFAULT 1, total NUMERIC(12,2), note TEXT, paid BOOLEAN);
            """;

    @Test
    void renameColumnPlanHoldsEveryInvariantWhileTheNaiveRenameBreaksV10() {
        try (TestDatabase db = TestDatabases.postgres()) {
            RehearsalResult r = RehearsalRun.run(db, USERS, "ALTER TABLE users RENAME COLUMN name TO full_name;",
                    RehearsalHook.NONE);
            RehearsalRun.assertEveryInvariantHolds(r.planSide());
            assertThat(r.planSide().errors()).isZero();
            assertThat(r.planSide().operations()).isGreaterThan(500);
            assertThat(r.planSide().phases()).extracting(PhaseStats::phase).contains("expand (step 1)",
                    "step 2 release v1.1: 2 of 4 clients", "backfill (step 3)", "contract (step 5)", "final v1.2");
            assertThat(r.exitCode()).isZero();

            assertThat(r.naiveSide().ran()).isTrue();
            assertThat(r.naiveSide().statements()).singleElement().asString()
                    .startsWith("ALTER TABLE users RENAME COLUMN name TO full_name").contains("ok");
            assertThat(r.naiveSide().errors()).as("v1.0 keeps using name after the RENAME").isPositive();
            assertThat(r.naiveSide().sqlStates()).contains("42703"); // undefined_column
            assertThat(RehearsalRun.leftovers(db, r)).as("scratch schemas dropped").isEmpty();
        }
    }

    /**
     * With --sync app the application writes both columns; v1.2 still writes the old one, so the plan has a third
     * release (v1.3 stops writing it) before the contract drops it. Without it v1.2 failed at the contract (42703).
     */
    @Test
    void renameWithAppSyncRetiresTheOldColumnInAThirdReleaseBeforeTheContract() {
        try (TestDatabase db = TestDatabases.postgres()) {
            RehearsalResult r = RehearsalRun.run(db, USERS, "ALTER TABLE users RENAME COLUMN name TO full_name;",
                    RehearsalHook.NONE, dev.migrationstrategist.plan.SyncMode.APP);
            RehearsalRun.assertEveryInvariantHolds(r.planSide());
            assertThat(r.planSide().errors()).isZero();
            assertThat(r.planSide().phases()).extracting(PhaseStats::phase).contains(
                    "step 4 release v1.2: all clients", "step 5 release v1.3: all clients", "contract (step 6)",
                    "final v1.3");
            assertThat(r.exitCode()).isZero();
        }
    }

    @Test
    void dropColumnPlanStopsUsingItFirstWhileTheNaiveDropBreaksV10() {
        try (TestDatabase db = TestDatabases.postgres()) {
            RehearsalResult r = RehearsalRun.run(db, USERS, "ALTER TABLE users DROP COLUMN email;",
                    RehearsalHook.NONE);
            RehearsalRun.assertEveryInvariantHolds(r.planSide());
            assertThat(r.planSide().phases()).extracting(PhaseStats::phase).contains(
                    "step 2 release v1.1: all clients", "contract (step 3)", "final v1.1");
            assertThat(r.naiveSide().sqlStates()).containsExactly("42703");
            assertThat(r.exitCode()).isZero();
        }
    }

    @Test
    void intToBigintPlanHoldsWhileTheNaiveAlterFailsServerPreparedReads() {
        try (TestDatabase db = TestDatabases.postgres()) {
            RehearsalResult r = RehearsalRun.run(db, ORDERS, "ALTER TABLE orders ALTER COLUMN qty TYPE bigint;",
                    RehearsalHook.NONE);
            RehearsalRun.assertEveryInvariantHolds(r.planSide());
            // What really happens on 2,000 rows: the ALTER's rewrite takes milliseconds (no long lock), and every
            // v1.0 client whose SELECT is server-prepared fails once inside its transaction.
            assertThat(r.naiveSide().sqlStates()).containsExactly("0A000");
            assertThat(r.naiveSide().phases().stream().flatMap(p -> p.errors().keySet().stream()))
                    .allMatch(k -> k.contains("cached plan must not change result type"));
            assertThat(r.planSide().phases().stream().mapToLong(PhaseStats::rePrepares).sum())
                    .as("after the swap v1.1 re-prepares once, as its release says").isPositive();
        }
    }

    @Test
    void aTamperedRowIsReportedAsALostWrite() {
        try (TestDatabase db = TestDatabases.postgres()) {
            RehearsalResult r = RehearsalRun.run(db, USERS, "ALTER TABLE users RENAME COLUMN name TO full_name;",
                    (side, c) -> {
                        try (Statement st = c.createStatement()) {
                            st.executeUpdate("UPDATE users SET full_name = 'tampered'");
                        }
                    });
            assertThat(RehearsalRun.check(r.planSide(), "no lost or wrong write")).get()
                    .satisfies(i -> assertThat(i.passed()).isFalse())
                    .satisfies(i -> assertThat(i.detail()).contains("found tampered"));
            assertThat(r.passed()).isFalse();
            assertThat(r.exitCode()).isEqualTo(1);
        }
    }
}
