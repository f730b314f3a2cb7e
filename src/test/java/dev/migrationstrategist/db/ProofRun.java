package dev.migrationstrategist.db;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.cli.Cli;
import dev.migrationstrategist.testing.TestDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The real command line for the tests of a plan that proves itself: plan, apply, and what apply left behind. */
final class ProofRun {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProofRun() {
    }

    /** {@code strategist plan} into a fresh directory; returns the plan file. */
    static Path plan(String... args) {
        Path out = ApplyScenario.tempDir();
        List<String> all = new ArrayList<>(List.of("plan", "--print", "none", "--out", out.toString()));
        all.addAll(List.of(args));
        Cli run = Cli.run(all);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return out.resolve(PlanResult.JSON_FILE);
    }

    /** {@code strategist plan --db} of the test's own schema or database. */
    static Path planFromDb(TestDatabase db, String... args) {
        List<String> all = new ArrayList<>(List.of("--db", db.jdbcUrl(), "--user", db.user()));
        all.addAll(List.of(args));
        return plan(all.toArray(String[]::new));
    }

    static Cli apply(TestDatabase db, Path plan, String... args) {
        List<String> all = new ArrayList<>(List.of("apply", "--db", db.jdbcUrl(), "--user", db.user(), "--plan",
                plan.toString()));
        all.addAll(List.of(args));
        return Cli.run(all);
    }

    static ObjectNode json(Path plan) throws IOException {
        return (ObjectNode) MAPPER.readTree(Files.readString(plan));
    }

    /** Writes an edited plan next to the original; returns its path. */
    static Path write(Path plan, ObjectNode root, String name) throws IOException {
        Path edited = plan.resolveSibling(name);
        Files.writeString(edited, MAPPER.writeValueAsString(root));
        return edited;
    }

    /** The tool's state tables in the test's scope. */
    static List<String> stateTables(TestDatabase db) {
        return db.column("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + db.scope()
                + "' AND table_name LIKE 'strategist%' ORDER BY table_name");
    }

    /** Triggers on tables of the test's scope (none before an expand step runs). */
    static long triggers(TestDatabase db) {
        return db.count(db.family().equals("postgresql")
                ? "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n"
                  + " ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND n.nspname = '" + db.scope() + "'"
                : "SELECT count(*) FROM information_schema.triggers WHERE trigger_schema = '" + db.scope() + "'");
    }
}
