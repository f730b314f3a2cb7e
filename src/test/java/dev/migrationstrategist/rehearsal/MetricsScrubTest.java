package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.secrets.Secrets;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** A client error that echoes the password reaches the rehearsal's stats (and so its report) scrubbed. */
class MetricsScrubTest {
    @Test
    void clientErrorsAreScrubbedBeforeTheyReachTheStats() {
        Metrics metrics = new Metrics(Secrets.of("Rehearse;Pw7")::scrub);
        metrics.begin("v1.0");
        metrics.current().error(new SQLException("relation \"Rehearse;Pw7\" does not exist", "42P01"), 1_000);
        metrics.current().error(new SQLException("relation \"Rehearse;Pw7\" does not exist", "42P01"), 1_000);
        metrics.end();

        assertThat(metrics.stats()).singleElement().satisfies(s -> {
            assertThat(s.errors()).containsExactly(
                    java.util.Map.entry("42P01 relation \"***\" does not exist", 2L));
            assertThat(s.errorCount()).isEqualTo(2);
        });
    }
}
