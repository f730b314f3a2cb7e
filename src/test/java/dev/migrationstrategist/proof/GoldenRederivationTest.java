package dev.migrationstrategist.proof;

import dev.migrationstrategist.rederive.Rederivation;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every golden plan (src/test/resources/golden/**&#47;plan.json, 24 change kinds on PostgreSQL, MySQL and MariaDB at
 * several versions) proves itself: its fingerprint is the one its state_a and options give, and planning its
 * changes again from its own state_a and options gives exactly its steps. No database needed.
 */
class GoldenRederivationTest {
    static final Path ROOT = Path.of("src", "test", "resources", "golden");
    static final ObjectMapper MAPPER = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyGoldenPlanRederivesToItself() throws IOException {
        List<Path> plans;
        try (Stream<Path> walk = Files.walk(ROOT)) {
            plans = walk.filter(p -> p.getFileName().toString().equals("plan.json")).sorted().toList();
        }
        assertThat(plans).hasSizeGreaterThan(100);
        return plans.stream().map(p -> DynamicTest.dynamicTest(ROOT.relativize(p).toString(), () -> {
            // read as JSON, not through PlanFile: a MySQL add_check plan's tool step has no SQL for apply to run
            PlanEvidence evidence = PlanEvidence.read(MAPPER.readTree(Files.readString(p)), p.toString());
            assertThat(evidence).as("state_a of " + p).isNotNull();
            assertThat(evidence.computedFingerprint()).isEqualTo(evidence.fingerprint());
            assertThat(Rederivation.firstDifference(evidence)).as(p.toString()).isEmpty();
        }));
    }
}
