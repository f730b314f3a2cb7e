package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.db.Database;
import dev.migrationstrategist.embedded.EmbeddedServer;
import dev.migrationstrategist.plan.SyncMode;
import dev.migrationstrategist.testing.OldServers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rehearsals on the real old PostgreSQL the plans' version-aware claims are about (embedded, see {@link OldServers}).
 * A rewrite shows in the catalog: a table created by the rehearsal has {@code relfilenode = oid} until something
 * rewrites it (a rewrite gives it a new file). The hook reads, on each side after its run, which tables got one.
 *
 * <p>PostgreSQL 11 keeps a non-volatile default in the catalog ({@code now()} is stable: evaluated once, at the
 * ALTER): only a volatile default ({@code clock_timestamp()}) still rewrites there; PostgreSQL 10 rewrites for any
 * default.
 */
class RehearsalOldPostgresTest {
    static final String SCHEMA = "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(255),"
            + " email VARCHAR(255) NOT NULL);";

    /** Tables of each side's scratch schema with a new file since they were created. */
    private final Map<String, List<String>> rewritten = new ConcurrentHashMap<>();

    private final RehearsalHook readRewrites = (side, c) -> {
        List<String> tables = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT relname FROM pg_class"
                + " WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r' AND relfilenode <> oid"
                + " ORDER BY relname")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        rewritten.put(side, tables);
    };

    private RehearsalResult rehearse(String version, String sql) {
        EmbeddedServer pg = OldServers.get(version);
        return RehearsalRun.run(new Database(pg.jdbcUrl(), pg.user(), ""), SCHEMA, sql, readRewrites,
                SyncMode.TRIGGER);
    }

    @Test
    void postgres11VolatileDefaultRewritesOnTheNaiveSideOnly() {
        RehearsalResult r = rehearse("postgresql:11",
                "ALTER TABLE users ADD COLUMN seen_at timestamptz NOT NULL DEFAULT clock_timestamp()");
        assertThat(r.dialect()).startsWith("PostgreSQL 11");
        RehearsalRun.assertEveryInvariantHolds(r.planSide());
        assertThat(rewritten.get("naive")).as("the naive ALTER rewrote users").containsExactly("users");
        assertThat(rewritten.get("plan")).as("the plan rewrote nothing").isEmpty();
        assertThat(scratchLeft("postgresql:11", r)).as("both scratch schemas dropped").isEmpty();
    }

    private static List<String> scratchLeft(String version, RehearsalResult r) {
        List<String> left = new ArrayList<>();
        try (var c = OldServers.connect(OldServers.get(version)); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname IN ('"
                     + r.planSide().namespace() + "', '" + r.naiveSide().namespace() + "')")) {
            while (rs.next()) {
                left.add(rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return left;
    }

    @Test
    void postgres11NowDefaultIsCatalogOnlyOnBothSides() {
        RehearsalResult r = rehearse("postgresql:11",
                "ALTER TABLE users ADD COLUMN seen_at timestamptz NOT NULL DEFAULT now()");
        RehearsalRun.assertEveryInvariantHolds(r.planSide());
        assertThat(r.plan().steps()).as("one catalog-only step on 11").hasSize(1);
        assertThat(rewritten.get("naive")).as("PostgreSQL 11: now() is stable, kept in the catalog").isEmpty();
        assertThat(rewritten.get("plan")).isEmpty();
    }

    @Test
    @Tag("oldservers")
    void postgres10NowDefaultRewritesOnTheNaiveSideOnly() {
        RehearsalResult r = rehearse("postgresql:10",
                "ALTER TABLE users ADD COLUMN seen_at timestamptz NOT NULL DEFAULT now()");
        assertThat(r.dialect()).startsWith("PostgreSQL 10");
        RehearsalRun.assertEveryInvariantHolds(r.planSide());
        assertThat(r.plan().steps()).as("add nullable, backfill, validated check").hasSizeGreaterThan(1);
        assertThat(rewritten.get("naive")).as("PostgreSQL 10 rewrites for any default").containsExactly("users");
        assertThat(rewritten.get("plan")).isEmpty();
    }
}
