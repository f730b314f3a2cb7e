package dev.migrationstrategist.cli;

import dev.migrationstrategist.embedded.EmbeddedServer;
import dev.migrationstrategist.testing.OldServers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The version-specific golden plans, run on the real old server version they were planned for (an embedded
 * server, see {@link OldServers}): the plan, made as the golden case makes it, is applied with {@code strategist
 * apply} to State A on that server, and what the plan says about rewrites is checked on the server itself:
 * PostgreSQL's {@code pg_class.relfilenode} (a new one is a rewritten table), MariaDB's InnoDB table id
 * ({@code information_schema.INNODB_SYS_TABLES}: a new one is a rebuilt table). The naive SQL runs beside it on a
 * second copy, to show the difference the plan makes on that version.
 *
 * <p>In the default run: PostgreSQL 10 and MariaDB 10.2 (the versions whose limits the plans work around the most).
 * The rest is tagged {@code oldservers}: {@code mvn test -Pold-servers -Dtest=OldServerGoldenTest}.
 */
class OldServerGoldenTest {
    static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

    @TempDir
    Path dir;

    /** PostgreSQL 10 rewrites the table for any ADD COLUMN default; the plan adds it without one and backfills. */
    @Test
    void postgres10AddColumnWithDefaultRewritesNaivelyButNotByThePlan() throws Exception {
        Path golden = GOLDEN.resolve("add_column/postgresql-10-constant-default-not-null");
        Outcome o = run("postgresql:10", golden.resolve("schema.sql"), golden.resolve("change.sql"));
        assertThat(o.plan()).as("the plan: no table rewritten on PostgreSQL 10").isEqualTo(o.before());
        assertThat(o.naive().get("users")).as("naive ADD COLUMN ... DEFAULT true rewrote users on PostgreSQL 10")
                .isNotEqualTo(o.before().get("users"));
        assertThat(o.columnIsNotNullByCheck()).isTrue();
    }

    /**
     * MariaDB 10.2 has no instant ADD COLUMN: the plan says ALGORITHM=INPLACE, LOCK=NONE rebuilds the table online;
     * 10.2 accepts that clause (apply succeeds) and does rebuild it (a new table id), as the plan says.
     */
    @Test
    void mariadb102AcceptsThePlansInPlaceAddColumnAndRebuildsAsItSays() throws Exception {
        Path golden = GOLDEN.resolve("add_column/mariadb-10.11-constant-default");
        Outcome o = run("mariadb:10.2", golden.resolve("schema.sql"), golden.resolve("change.sql"));
        assertThat(o.planText()).contains("ALGORITHM=INPLACE, LOCK=NONE").doesNotContain("ALGORITHM=INSTANT");
        assertThat(o.plan().get("users")).as("INPLACE rebuilds users on 10.2, as the plan says")
                .isNotEqualTo(o.before().get("users"));
    }

    /** MariaDB 10.3+ adds a column instantly: the plan's ALGORITHM=INSTANT keeps the table id. */
    @Test
    @Tag("oldservers")
    void mariadb1011AddsTheColumnInstantlyAsThePlanSays() throws Exception {
        Path golden = GOLDEN.resolve("add_column/mariadb-10.11-constant-default");
        Outcome o = run("mariadb:10.11", golden.resolve("schema.sql"), golden.resolve("change.sql"));
        assertThat(o.planText()).contains("ALGORITHM=INSTANT");
        assertThat(o.plan()).as("ALGORITHM=INSTANT: no table rebuilt").isEqualTo(o.before());
    }

    /** PostgreSQL 11 keeps a non-volatile default in the catalog: neither side rewrites. */
    @Test
    @Tag("oldservers")
    void postgres11AddColumnWithConstantDefaultRewritesNothing() throws Exception {
        Path golden = GOLDEN.resolve("add_column/postgresql-10-constant-default-not-null");
        Outcome o = run("postgresql:11", golden.resolve("schema.sql"), golden.resolve("change.sql"));
        assertThat(o.plan()).isEqualTo(o.before());
        assertThat(o.naive()).as("PostgreSQL 11: a constant default is catalog only").isEqualTo(o.before());
    }

    @Test
    @Tag("oldservers")
    void postgres11SetNotNullRewritesNothing() throws Exception {
        Path golden = GOLDEN.resolve("set_not_null/postgresql-11");
        Outcome o = run("postgresql:11", golden.resolve("schema.sql"), golden.resolve("change.sql"));
        assertThat(o.planText()).contains("VALIDATE CONSTRAINT");
        assertThat(o.plan()).isEqualTo(o.before());
    }

    @Test
    @Tag("oldservers")
    void postgres11AddPrimaryKeyRewritesNothing() throws Exception {
        Path golden = GOLDEN.resolve("add_primary_key/large");
        Outcome o = run("postgresql:11", golden.resolve("schema.sql"), golden.resolve("change.sql"));
        assertThat(o.planText()).contains("CREATE UNIQUE INDEX CONCURRENTLY");
        assertThat(o.plan()).isEqualTo(o.before());
    }

    /**
     * PostgreSQL before 12 refuses ALTER TYPE ... ADD VALUE in a transaction block: the plan's step says it runs
     * outside one, and apply runs it so on 11 (inside one, 11 refuses it: checked too).
     */
    @Test
    @Tag("oldservers")
    void postgres11AddsTheEnumValueOutsideATransactionAsThePlanSays() throws Exception {
        Path golden = GOLDEN.resolve("add_enum_value/postgresql-11");
        Outcome o = run("postgresql:11", golden.resolve("schema.sql"), "add value 'archived' to enum status_t after 'new'",
                null);
        assertThat(o.planText()).contains("runs outside a transaction");
        assertThat(o.plan()).isEqualTo(o.before());
        try (Connection c = OldServers.connect(OldServers.get("postgresql:11")); Statement st = c.createStatement()) {
            st.execute("CREATE TYPE oldgold_probe_t AS ENUM ('a')");
            try {
                c.setAutoCommit(false);
                assertThatThrownBy(() -> st.execute("ALTER TYPE oldgold_probe_t ADD VALUE 'b'"))
                        .hasMessageContaining("cannot run inside a transaction block");
                c.rollback();
            } finally {
                c.setAutoCommit(true);
                st.execute("DROP TYPE oldgold_probe_t");
            }
        }
    }

    // ------------------------------------------------------------------ the run

    /**
     * @param before the tables' storage ids (relfilenode / InnoDB table id) of State A
     * @param plan   the same after the plan was applied
     * @param naive  the same after the naive SQL ran on a second copy
     */
    record Outcome(Map<String, String> before, Map<String, String> plan, Map<String, String> naive,
                   String planText, boolean columnIsNotNullByCheck) {
    }

    private Outcome run(String spec, Path schema, Path change) throws Exception {
        return run(spec, schema, change.toString(), Files.readString(change));
    }

    /** @param naiveSql run on the second copy; null for a phrase (no naive SQL: that copy stays State A) */
    private Outcome run(String spec, Path schema, String change, String naiveSql) throws Exception {
        EmbeddedServer server = OldServers.get(spec);
        boolean postgres = spec.startsWith("postgresql");
        String ddl = Files.readString(schema);
        String suffix = Long.toHexString(System.nanoTime() & 0xffffffL);
        String planSpace = "oldgold_" + suffix + "_plan";
        String naiveSpace = "oldgold_" + suffix + "_naive";
        try (Connection admin = OldServers.connect(server)) {
            create(admin, postgres, planSpace, ddl);
            create(admin, postgres, naiveSpace, ddl);
            Map<String, String> before = ids(admin, postgres, planSpace);
            assertThat(ids(admin, postgres, naiveSpace)).as("two copies of State A").hasSameSizeAs(before);
            Map<String, String> naiveBefore = ids(admin, postgres, naiveSpace);

            String url = scoped(server.jdbcUrl(), postgres, planSpace);
            // planned as the golden case plans it (State A from the file, tables of unknown size), applied live
            Cli plan = Cli.run("plan", "--schema", schema.toString(),
                    "--dialect", spec, "--out", dir.toString(), "--print", "md", change);
            assertThat(plan.exitCode()).as(plan.toString()).isZero();
            Cli apply = Cli.run("apply", "--db", url, "--user", server.user(), "--plan",
                    dir.resolve("migration-strategist-output.json").toString(), "--confirm-contract");
            assertThat(apply.exitCode()).as("the plan applies on " + server.description() + ":\n" + apply).isZero();
            Map<String, String> after = ids(admin, postgres, planSpace);
            after.keySet().retainAll(before.keySet());

            try (Connection naive = java.sql.DriverManager.getConnection(scoped(server.jdbcUrl(), postgres,
                    naiveSpace), server.user(), ""); Statement st = naive.createStatement()) {
                if (naiveSql != null) {
                    st.execute(naiveSql);
                }
            }
            Map<String, String> naiveAfter = ids(admin, postgres, naiveSpace);
            naiveAfter.keySet().retainAll(naiveBefore.keySet());
            // the naive copy's ids are its own: compare each to its own State A, reported against the plan copy's
            Map<String, String> naiveRelative = new TreeMap<>();
            naiveAfter.forEach((t, id) -> naiveRelative.put(t, id.equals(naiveBefore.get(t)) ? before.get(t) : "new " + id));
            boolean notNullCheck = postgres && count(admin, "SELECT count(*) FROM pg_constraint WHERE connamespace = '"
                    + planSpace + "'::regnamespace AND contype = 'c' AND convalidated") > 0;
            return new Outcome(before, after, naiveRelative, plan.out(), notNullCheck);
        } finally {
            try (Connection admin = OldServers.connect(server); Statement st = admin.createStatement()) {
                for (String s : List.of(planSpace, naiveSpace)) {
                    st.execute(postgres ? "DROP SCHEMA IF EXISTS " + s + " CASCADE" : "DROP DATABASE IF EXISTS " + s);
                }
            }
        }
    }

    private static void create(Connection admin, boolean postgres, String space, String ddl) throws SQLException {
        try (Statement st = admin.createStatement()) {
            st.execute(postgres ? "CREATE SCHEMA " + space : "CREATE DATABASE " + space);
            if (postgres) {
                st.execute("SET search_path TO " + space);
            } else {
                st.execute("USE " + space);
            }
            for (String statement : ddl.split(";\\s*(\\n|$)")) {
                if (!statement.isBlank()) {
                    st.execute(statement);
                }
            }
            st.execute(postgres ? "SET search_path TO public" : "USE test");
        }
    }

    /** Each table's storage id: relfilenode on PostgreSQL, the InnoDB table id on MariaDB. */
    private static Map<String, String> ids(Connection admin, boolean postgres, String space) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        String sql = postgres
                ? "SELECT relname, relfilenode::text FROM pg_class WHERE relkind = 'r' AND relnamespace = '"
                + space + "'::regnamespace"
                : "SELECT substring(name, " + (space.length() + 2) + "), CAST(table_id AS CHAR)"
                + " FROM information_schema.INNODB_SYS_TABLES WHERE name LIKE '" + space + "/%'";
        try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String scoped(String url, boolean postgres, String space) {
        return postgres ? url + "?currentSchema=" + space : url.substring(0, url.lastIndexOf('/') + 1) + space;
    }

    @SuppressWarnings("unused")
    private static List<String> lines(String text) {
        return new ArrayList<>(text.lines().toList());
    }
}
