package dev.migrationstrategist.db;

import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import static dev.migrationstrategist.db.LoadWriters.sleep;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Running out of ids" in a column of a composite primary key (PostgreSQL 15): {@code entries (tenant_id, id)},
 * {@code id} serial (integer), 200,000 rows, referenced by {@code entry_notes (tenant_id, entry_id)} through a
 * two-column foreign key, widened to bigint online under writer threads (insert an entry and a note for it in one
 * transaction, update and read an entry by its pair). The unique index is built concurrently over (tenant_id,
 * id_new); the swap makes it the primary key, moves the serial's sequence, re-adds the composite foreign key NOT
 * VALID; entry_notes.entry_id (small) is widened first behind LOCK TABLE. After the swap the numbering crosses the
 * INT limit.
 */
@Tag("postgres")
class ApplyCompositeKeyWideningUnderLoadTest {
    static final long ROWS = 200_000;
    static final long NOTES = 5_000;
    static final String SCHEMA = """
            CREATE TABLE entries (tenant_id integer NOT NULL, id serial, amount numeric(7,2) NOT NULL,
              PRIMARY KEY (tenant_id, id));
            CREATE TABLE entry_notes (note_id bigserial PRIMARY KEY, tenant_id integer NOT NULL,
              entry_id integer NOT NULL, CONSTRAINT fk_note_entry FOREIGN KEY (tenant_id, entry_id)
              REFERENCES entries (tenant_id, id));
            CREATE INDEX idx_note_entry ON entry_notes (tenant_id, entry_id);
            """;

    @Test
    void compositeKeyColumnWidensOnlineUnderConcurrentWrites() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("ky_")) {
            db.execute(SCHEMA);
            db.execute("INSERT INTO entries (tenant_id, amount) SELECT g % 7, (g % 1000) / 10.0 FROM"
                            + " generate_series(1, " + ROWS + ") g",
                    "INSERT INTO entry_notes (tenant_id, entry_id) SELECT e.tenant_id, e.id FROM entries e WHERE"
                            + " e.id % 40 = 0", "ANALYZE entries", "ANALYZE entry_notes");
            Database database = ApplyScenario.database(db);
            PlanResult planned = Strategist.configure().liveDatabase(database).largeTableRows(10_000)
                    .rows("entry_notes", NOTES).load().planSql("ALTER TABLE entries ALTER COLUMN id TYPE bigint;");
            Path dir = ApplyScenario.tempDir();
            planned.write(dir);
            String text = Files.readString(dir.resolve(PlanResult.JSON_FILE));
            assertThat(text).contains("CREATE UNIQUE INDEX CONCURRENTLY entries_pkey_new ON entries (tenant_id,"
                    + " id_new);", "LOCK TABLE entries IN ACCESS EXCLUSIVE MODE;", "LOCK TABLE entry_notes IN ACCESS EXCLUSIVE MODE NOWAIT;",
                    "FOREIGN KEY (tenant_id, entry_id) REFERENCES entries (tenant_id, id) NOT VALID");
            PlanFile plan = PlanFile.read(dir.resolve(PlanResult.JSON_FILE));
            int swap = plan.steps().stream().filter(s -> s instanceof SchemaStep k
                            && k.sql().stream().anyMatch(q -> q.contains("PRIMARY KEY USING INDEX")))
                    .mapToInt(Step::number).findFirst().orElseThrow();
            ApplyOptions base = ApplyOptions.defaults().withBatching(5_000, Duration.ofMillis(50), Duration.ZERO);
            try (Writers app = new Writers(db, 3)) {
                ApplyLog log = line -> {
                    System.out.println("apply: " + line);
                    if (line.startsWith("step " + swap + ": done")) {
                        db.execute("SELECT setval('entries_id_seq', 2147483600)");
                        sleep(800);
                    }
                };
                app.start();
                sleep(200);
                new Applier(database, base, log).apply(plan, "p");
                new Applier(database, base.withThrough(Phase.CONTRACT), log).apply(plan, "p");
                ApplyResult done = new Applier(database, base.withThrough(Phase.CONTRACT).withConfirmContract(true),
                        log).apply(plan, "p");
                assertThat(done.complete()).isTrue();
                sleep(300);
                app.close();

                assertThat(app.errors).as("errors the applications saw").isEmpty();
                assertThat(app.bigIds.get()).as("entries numbered beyond the INT range").isGreaterThan(10);
                long inserted = app.inserted.get();
                assertThat(db.count("SELECT count(*) FROM entries")).isEqualTo(ROWS + inserted);
                assertThat(db.count("SELECT count(*) FROM (SELECT DISTINCT tenant_id, id FROM entries) k"))
                        .isEqualTo(ROWS + inserted);
                assertThat(db.count("SELECT count(*) FROM entries WHERE id <= " + ROWS)).isEqualTo(ROWS);
                assertThat(db.count("SELECT count(*) FROM entry_notes")).isEqualTo(ROWS / 40 + inserted);
                assertThat(db.count("SELECT count(*) FROM entry_notes n WHERE NOT EXISTS (SELECT 1 FROM entries e"
                        + " WHERE e.tenant_id = n.tenant_id AND e.id = n.entry_id)")).as("orphans").isZero();
                assertThat(db.column("SELECT table_name || '.' || column_name || ' ' || data_type FROM"
                        + " information_schema.columns WHERE table_schema = current_schema() AND table_name IN ('entries',"
                        + " 'entry_notes') AND column_name IN"
                        + " ('id', 'entry_id') ORDER BY 1")).containsExactly("entries.id bigint",
                        "entry_notes.entry_id bigint");
                assertThat(db.column("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid ="
                        + " 'entries'::regclass AND contype = 'p'")).containsExactly("PRIMARY KEY (tenant_id, id)");
                assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE connamespace = current_schema()::regnamespace"
                        + " AND conname = 'fk_note_entry' AND"
                        + " convalidated")).isEqualTo(1);
                assertThat(db.count("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'entries'::regclass AND NOT"
                        + " tgisinternal")).as("sync triggers left").isZero();
                System.out.printf("composite key widening under load (postgresql, %d rows): %d app operations, %d"
                                + " entries inserted (%d beyond INT), %d re-prepares, 0 errors%n", ROWS,
                        app.operations.get(), inserted, app.bigIds.get(), app.rePrepares.get());
            }
        }
    }

    /** Writers of entries and their notes (one transaction), updates and reads by (tenant_id, id). */
    static final class Writers extends LoadWriters {
        Writers(TestDatabase db, int count) {
            super(db, count);
        }

        @Override
        void round(Connection c) throws SQLException {
            int tenant = ThreadLocalRandom.current().nextInt(7);
            c.setAutoCommit(false);
            try {
                long id;
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO entries (tenant_id, amount) VALUES (?, 12.5) RETURNING id")) {
                    ps.setInt(1, tenant);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO entry_notes (tenant_id, entry_id) VALUES (?, ?)")) {
                    ps.setInt(1, tenant);
                    ps.setLong(2, id);
                    ps.executeUpdate();
                }
                c.commit();
                insertedId(id);
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            long seeded = ThreadLocalRandom.current().nextLong(1, ROWS + 1);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE entries SET amount = amount WHERE tenant_id = ? AND id = ?")) {
                ps.setLong(1, seeded % 7);
                ps.setLong(2, seeded);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, amount FROM entries WHERE tenant_id = ? AND id = ?")) {
                ps.setLong(1, seeded % 7);
                ps.setLong(2, seeded);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getLong(1) != seeded) {
                        throw new SQLException("entry " + seeded + " not found");
                    }
                }
            }
            operations.addAndGet(4);
        }
    }
}
