package dev.migrationstrategist.db;

import dev.migrationstrategist.cli.Cli;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plan, apply and roll back a create index and an add foreign key on a partitioned table (range, list, hash, each with
 * rows and one sub-partitioned partition for list) on the real PostgreSQL, with State A read from the live catalog: the
 * index is built ON ONLY the parent, concurrently per partition and attached (valid in the end, one per partition);
 * the foreign key is NOT VALID + VALIDATE per partition, then adopted by the parent (server refuses NOT VALID on a
 * partitioned table before 18). Rollback leaves the tables as they were.
 */
@Tag("postgres")
class PartitionedTablesPostgresTest {

    @ParameterizedTest
    @ValueSource(strings = {"range", "list", "hash"})
    void createIndexAndForeignKeyOnAPartitionedTable(String kind) throws Exception {
        try (TestDatabase db = TestDatabases.postgres("i15r_")) {
            db.execute("CREATE TABLE accounts (id bigint PRIMARY KEY)",
                    "INSERT INTO accounts SELECT g FROM generate_series(1, 50) g");
            switch (kind) {
                case "range" -> db.execute("CREATE TABLE events (id bigint NOT NULL, account_id bigint,"
                                + " day date NOT NULL) PARTITION BY RANGE (day)",
                        "CREATE TABLE events_a PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')",
                        "CREATE TABLE events_b PARTITION OF events FOR VALUES FROM ('2024-02-01') TO ('2024-03-01')",
                        "CREATE TABLE events_rest PARTITION OF events DEFAULT",
                        "INSERT INTO events SELECT g, 1 + g % 50, date '2024-01-01' + (g % 90) FROM"
                                + " generate_series(1, 3000) g");
                case "list" -> db.execute("CREATE TABLE events (id bigint NOT NULL, account_id bigint,"
                                + " region text NOT NULL) PARTITION BY LIST (region)",
                        "CREATE TABLE events_eu PARTITION OF events FOR VALUES IN ('eu')",
                        "CREATE TABLE events_us PARTITION OF events FOR VALUES IN ('us', 'ca')"
                                + " PARTITION BY HASH (id)",
                        "CREATE TABLE events_us_0 PARTITION OF events_us FOR VALUES WITH (MODULUS 2, REMAINDER 0)",
                        "CREATE TABLE events_us_1 PARTITION OF events_us FOR VALUES WITH (MODULUS 2, REMAINDER 1)",
                        "INSERT INTO events SELECT g, 1 + g % 50, (ARRAY['eu', 'us', 'ca'])[1 + g % 3] FROM"
                                + " generate_series(1, 3000) g");
                default -> db.execute("CREATE TABLE events (id bigint NOT NULL, account_id bigint)"
                                + " PARTITION BY HASH (id)",
                        "CREATE TABLE events_0 PARTITION OF events FOR VALUES WITH (MODULUS 3, REMAINDER 0)",
                        "CREATE TABLE events_1 PARTITION OF events FOR VALUES WITH (MODULUS 3, REMAINDER 1)",
                        "CREATE TABLE events_2 PARTITION OF events FOR VALUES WITH (MODULUS 3, REMAINDER 2)",
                        "INSERT INTO events SELECT g, 1 + g % 50 FROM generate_series(1, 3000) g");
            }
            long partitions = db.count("SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                    + " WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace");

            // plan --db counts a partitioned table's rows as its leaves' (3,000 here): planned as a large table
            Path index = ProofRun.planFromDb(db, "--dialect", "postgresql:15", "--large-table-rows", "1000",
                    "--sql", "CREATE INDEX events_account ON events (account_id)");
            String plan = Files.readString(index);
            assertThat(plan).contains("ON ONLY").contains("CONCURRENTLY").contains("ATTACH PARTITION")
                    .doesNotContain("CREATE INDEX CONCURRENTLY \\\"events_account\\\" ON \\\"events\\\"");
            Cli applied = ProofRun.apply(db, index);
            assertThat(applied.exitCode()).as(applied.toString()).isZero();
            assertThat(db.count("SELECT count(*) FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid"
                    + " WHERE c.relname = 'events_account' AND x.indisvalid")).as("parent index valid").isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                    + " JOIN pg_index x ON x.indexrelid = c.oid JOIN pg_class t ON t.oid = x.indrelid"
                    + " WHERE t.relkind = 'r' AND x.indisvalid AND c.relnamespace = current_schema()::regnamespace"))
                    .as("one valid index per partition holding rows, attached").isEqualTo(partitions);
            Cli again = ProofRun.apply(db, index);
            assertThat(again.exitCode()).as("a rerun finds everything done: " + again).isZero();

            Path fk = ProofRun.planFromDb(db, "--dialect", "postgresql:15", "--large-table-rows", "1000", "--sql",
                    "ALTER TABLE events ADD CONSTRAINT events_account_fk FOREIGN KEY (account_id)"
                            + " REFERENCES accounts (id)");
            String fkPlan = Files.readString(fk);
            assertThat(fkPlan).contains("NOT VALID").doesNotContain("ALTER TABLE \\\"events\\\" ADD CONSTRAINT"
                    + " \\\"events_account_fk\\\" FOREIGN KEY (\\\"account_id\\\") REFERENCES \\\"accounts\\\""
                    + " (\\\"id\\\") NOT VALID");
            Cli fkApplied = ProofRun.apply(db, fk);
            assertThat(fkApplied.exitCode()).as(fkApplied.toString()).isZero();
            assertThat(db.count("SELECT count(*) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
                    + " WHERE k.conname = 'events_account_fk' AND c.relname = 'events' AND k.convalidated"))
                    .isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
                    + " WHERE k.conname = 'events_account_fk' AND c.relkind = 'r' AND k.conparentid <> 0"
                    + " AND k.convalidated")).as("each partition's key adopted by the parent's")
                    .isEqualTo(partitions);

            Cli fkBack = Cli.run("rollback", "--db", db.jdbcUrl(), "--user", db.user(), "--plan", fk.toString(),
                    "--app-rolled-back");
            assertThat(fkBack.exitCode()).as(fkBack.toString()).isZero();
            assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE conname = 'events_account_fk'"))
                    .isZero();
            Cli indexBack = Cli.run("rollback", "--db", db.jdbcUrl(), "--user", db.user(), "--plan",
                    index.toString(), "--app-rolled-back");
            assertThat(indexBack.exitCode()).as(indexBack.toString()).isZero();
            assertThat(db.count("SELECT count(*) FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid"
                    + " WHERE t.relnamespace = current_schema()::regnamespace AND t.relname LIKE 'events%'"))
                    .as("no index left on the partitioned table or its partitions").isZero();
            assertThat(db.count("SELECT count(*) FROM events")).isEqualTo(3000);
        }
    }

    /** lint against the live State A: the forms the server refuses on a partitioned table are named, not advised. */
    @org.junit.jupiter.api.Test
    void lintNamesTheFormsAPartitionedTableRefuses() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("i15r_")) {
            db.execute("CREATE TABLE accounts (id bigint PRIMARY KEY)",
                    "CREATE TABLE events (id bigint NOT NULL, account_id bigint, day date NOT NULL)"
                            + " PARTITION BY RANGE (day)",
                    "CREATE TABLE events_a PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')");
            Path dir = Files.createTempDirectory("lint");
            Path index = dir.resolve("V2__index.sql");
            Files.writeString(index, "CREATE INDEX CONCURRENTLY events_account ON events (account_id);\n");
            Path fk = dir.resolve("V3__fk.sql");
            Files.writeString(fk, "ALTER TABLE events ADD CONSTRAINT events_account_fk FOREIGN KEY (account_id)"
                    + " REFERENCES accounts (id) NOT VALID;\n");
            Cli lint = Cli.run("lint", "--db", db.jdbcUrl(), "--user", db.user(), "--dialect", "postgresql:15",
                    index.toString(), fk.toString());
            assertThat(lint.out()).as(lint.toString())
                    .contains("CREATE INDEX CONCURRENTLY ON events is refused")
                    .contains("ON ONLY events")
                    .contains("NOT VALID is refused")
                    .contains("to each partition");
            assertThat(lint.exitCode()).isNotZero();
        }
    }
}
