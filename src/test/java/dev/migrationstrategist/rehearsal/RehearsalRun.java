package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.db.Database;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.testing.TestDatabase;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Runs a rehearsal on a test server with few rows and short phases, and reads its result like prose. */
final class RehearsalRun {
    static final RehearsalOptions.Timing FAST = new RehearsalOptions.Timing(Duration.ofMillis(500),
            Duration.ofMillis(400), Duration.ofMillis(400), Duration.ofMillis(500));

    /** Shorter still, for the every-kind tests (a few hundred operations per side). */
    static final RehearsalOptions.Timing QUICK = new RehearsalOptions.Timing(Duration.ofMillis(300),
            Duration.ofMillis(300), Duration.ofMillis(250), Duration.ofMillis(300));

    private RehearsalRun() {
    }

    /**
     * Rehearses {@code change}, a phrase (its naive side is the change's own DDL) or naive SQL, with 400 rows per
     * table, 4 clients and {@link #QUICK} phases.
     */
    static RehearsalResult quick(TestDatabase db, String schema, String change) {
        return quick(db, schema, change, false);
    }

    /** @param sized plan with the rehearsal's own row count for every table (small), not the default (large) */
    static RehearsalResult quick(TestDatabase db, String schema, String change, boolean sized) {
        Database server = new Database(db.jdbcUrl(), db.user(), db.password());
        Dialect dialect = Rehearsal.serverDialect(server);
        RehearsalOptions options = RehearsalOptions.defaults().withRows(400).withClients(4).withTiming(QUICK)
                .withScratchPrefix(PREFIX);
        boolean phrase = dev.migrationstrategist.input.PhraseReader.looksLikePhrase(change);
        Strategist.Builder builder = Strategist.configure().dialect(dialect).schemaSql(schema);
        if (sized) {
            dev.migrationstrategist.input.SchemaReader reader = new dev.migrationstrategist.input.SchemaReader(dialect);
            reader.read(schema, "schema.sql").tables().forEach(t -> builder.rows(t.name().name(),
                    options.rows()));
        }
        RehearsalResult r = builder.load()
                .rehearse(phrase ? List.of(change) : List.of(), phrase ? List.of() : List.of(change), server, options,
                        line -> { });
        System.out.println(new RehearsalReport(r).text());
        return r;
    }

    static RehearsalResult run(TestDatabase db, String schema, String sql, RehearsalHook hook) {
        return run(db, schema, sql, hook, dev.migrationstrategist.plan.SyncMode.TRIGGER);
    }

    static RehearsalResult run(TestDatabase db, String schema, String sql, RehearsalHook hook,
                               dev.migrationstrategist.plan.SyncMode sync) {
        return run(new Database(db.jdbcUrl(), db.user(), db.password()), schema, sql, hook, sync);
    }

    /** The same on any server (an embedded old one, say). */
    static RehearsalResult run(Database server, String schema, String sql, RehearsalHook hook,
                               dev.migrationstrategist.plan.SyncMode sync) {
        Dialect dialect = Rehearsal.serverDialect(server);
        RehearsalOptions options = RehearsalOptions.defaults().withRows(2_000).withClients(4).withTiming(FAST)
                .withHook(hook).withScratchPrefix(PREFIX);
        RehearsalResult r = Strategist.configure().dialect(dialect).schemaSql(schema).sync(sync).load()
                .rehearse(List.of(), List.of(sql), server, options, line -> { });
        System.out.println(new RehearsalReport(r).text());
        return r;
    }

    static void assertEveryInvariantHolds(SideResult side) {
        org.assertj.core.api.Assertions.assertThat(side.checks()).isNotEmpty().allSatisfy(i ->
                org.assertj.core.api.Assertions.assertThat(i.passed()).as(i.name() + ": " + i.detail()).isTrue());
    }

    /** A file of examples/rename-column (the tests run in the project directory). */
    static String example(String file) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("examples", "rename-column", file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Optional<Invariant> check(SideResult side, String name) {
        return side.checks().stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /**
     * The scratch prefix of this JVM's rehearsals: the suites of other engineers and CI runs rehearse on the same
     * servers at the same time, so a count of every {@code strategist_rehearsal_*} namespace is not this run's.
     */
    static final String PREFIX = "rrun" + Long.toHexString(System.nanoTime() & 0xffffffL) + "_";

    /** Scratch namespaces of this JVM's rehearsals left on the server. */
    static List<String> leftovers(TestDatabase db) {
        return db.column("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE '"
                + PREFIX.replace("_", "\\_") + "%'");
    }

    /** The scratch namespaces of this rehearsal still on the server (other runs may have their own). */
    static List<String> leftovers(TestDatabase db, RehearsalResult r) {
        List<String> mine = java.util.stream.Stream.of(r.planSide().namespace(), r.naiveSide().namespace())
                .filter(java.util.Objects::nonNull).toList();
        // by name, whatever prefix the run used
        return mine.isEmpty() ? List.of() : db.column("SELECT schema_name FROM information_schema.schemata"
                + " WHERE schema_name IN ('" + String.join("', '", mine) + "')");
    }
}
