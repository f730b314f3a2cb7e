package dev.migrationstrategist.strategy;

import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.change.AddCheck;
import dev.migrationstrategist.change.AddForeignKey;
import dev.migrationstrategist.change.AddPrimaryKey;
import dev.migrationstrategist.change.AddUnique;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.CreateIndex;
import dev.migrationstrategist.change.CreateTable;
import dev.migrationstrategist.change.DropIndex;
import dev.migrationstrategist.change.DropTable;
import dev.migrationstrategist.change.RenameTable;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden plans of the constraint, index and table change kinds: {@code src/test/resources/golden/<kind>/<case>/}
 * holds {@code schema.sql}, the change ({@code change.sql} or a phrase in {@code change.txt}), {@code case.properties}
 * ({@code dialects=postgresql:15,mysql:8.0}, optional {@code rows=orders=5000,...}) and, per dialect,
 * {@code <dialect>-<version>/plan.md} and {@code plan.json}. Rewrite them with {@code -Dgolden.update=true} and
 * review the diff.
 */
class ObjectGoldenTest {
    static final Path ROOT = Path.of("src/test/resources/golden");
    static final List<Class<? extends Change>> KINDS = List.of(AddCheck.class, AddForeignKey.class, AddUnique.class,
            AddPrimaryKey.class, CreateIndex.class, DropIndex.class, CreateTable.class, DropTable.class,
            RenameTable.class);
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    Stream<DynamicNode> goldenPlans() throws IOException {
        List<DynamicNode> kinds = new ArrayList<>();
        for (Class<? extends Change> kind : KINDS) {
            Path dir = ROOT.resolve(Change.kindOf(kind));
            List<DynamicNode> cases = new ArrayList<>();
            try (Stream<Path> list = Files.list(dir)) {
                for (Path c : list.filter(Files::isDirectory).sorted().toList()) {
                    cases.add(DynamicContainer.dynamicContainer(c.getFileName().toString(), dialectTests(c)));
                }
            }
            kinds.add(DynamicContainer.dynamicContainer(Change.kindOf(kind), cases));
        }
        return kinds.stream();
    }

    @Test
    void everyKindHasGoldenCasesForPostgresMysqlAndMariadb() throws IOException {
        for (Class<? extends Change> kind : KINDS) {
            Path dir = ROOT.resolve(Change.kindOf(kind));
            List<String> dialectDirs;
            try (Stream<Path> walk = Files.walk(dir, 2)) {
                dialectDirs = walk.filter(p -> Files.exists(p.resolve("plan.json")))
                        .map(p -> p.getFileName().toString()).toList();
            }
            assertThat(dialectDirs).as(kind.getSimpleName())
                    .anyMatch(d -> d.startsWith("postgresql-"))
                    .anyMatch(d -> d.startsWith("mysql-"))
                    .anyMatch(d -> d.startsWith("mariadb-"));
        }
    }

    /** Every MySQL/MariaDB ALTER names ALGORITHM and LOCK; every CONCURRENTLY runs alone, outside a transaction. */
    @Test
    void everyGoldenPlanKeepsTheDdlRules() throws IOException {
        for (Class<? extends Change> kind : KINDS) {
            try (Stream<Path> list = Files.list(ROOT.resolve(Change.kindOf(kind)))) {
                for (Path c : list.filter(Files::isDirectory).toList()) {
                    Properties props = new Properties();
                    try (Reader r = Files.newBufferedReader(c.resolve("case.properties"))) {
                        props.load(r);
                    }
                    for (String spec : props.getProperty("dialects").split(",")) {
                        var plan = plan(c, spec.trim(), props).plan();
                        for (var step : ObjectPlanSteps.schemaSteps(plan)) {
                            List<String> all = new ArrayList<>(step.sql());
                            all.addAll(step.rollback().sql());
                            for (String sql : all) {
                                if (!spec.startsWith("postgresql") && sql.startsWith("ALTER TABLE")) {
                                    assertThat(sql).as(c + " " + spec).contains("ALGORITHM=", "LOCK=");
                                }
                            }
                            if (step.sql().stream().anyMatch(x -> x.contains("CONCURRENTLY"))) {
                                assertThat(step.transactional()).as(c + " " + spec).isFalse();
                                assertThat(step.sql()).as(c + " " + spec).hasSize(1);
                            }
                            if (step.blocking()) {
                                assertThat(step.sql().get(0)).as(c + " " + spec)
                                        .isEqualTo(plan.dialect().lockTimeoutStatement(plan.options().lockTimeout()));
                            }
                        }
                    }
                }
            }
        }
    }

    private static List<DynamicTest> dialectTests(Path caseDir) throws IOException {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(caseDir.resolve("case.properties"), StandardCharsets.UTF_8)) {
            props.load(r);
        }
        List<DynamicTest> out = new ArrayList<>();
        for (String dialect : props.getProperty("dialects").split(",")) {
            String spec = dialect.trim();
            out.add(DynamicTest.dynamicTest(spec, () -> check(caseDir, spec, props)));
        }
        return out;
    }

    static PlanResult plan(Path caseDir, String spec, Properties props) throws IOException {
        Strategist.Builder b = Strategist.configure().dialect(spec).schemaFile(caseDir.resolve("schema.sql"));
        String rows = props.getProperty("rows", "").trim();
        if (!rows.isEmpty()) {
            for (String pair : rows.split(",")) {
                String[] kv = pair.trim().split("=");
                b.rows(kv[0], Long.parseLong(kv[1]));
            }
        }
        Strategist strategist = b.load();
        Path sql = caseDir.resolve("change.sql");
        if (Files.exists(sql)) {
            return strategist.plan(List.of(sql.toString()), List.of());
        }
        return strategist.plan(List.of(Files.readString(caseDir.resolve("change.txt")).trim()), List.of());
    }

    private static void check(Path caseDir, String spec, Properties props) throws IOException {
        PlanResult result = plan(caseDir, spec, props);
        Path out = caseDir.resolve(spec.replace(':', '-'));
        String md = result.markdown().replace(caseDir.toString(), "<case>");
        String json = result.json().replace(caseDir.toString(), "<case>");
        if (UPDATE) {
            Files.createDirectories(out);
            Files.writeString(out.resolve("plan.md"), md);
            Files.writeString(out.resolve("plan.json"), json);
            return;
        }
        assertThat(out.resolve("plan.md")).as("golden missing: run with -Dgolden.update=true").exists();
        assertThat(md).isEqualTo(Files.readString(out.resolve("plan.md")));
        assertThat(json).isEqualTo(Files.readString(out.resolve("plan.json")));
    }
}
