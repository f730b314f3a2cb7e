package dev.migrationstrategist.dialect;

import dev.migrationstrategist.db.ApplyOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The backfill's default latency budget is the engine's, above the floor measured on it (bench/backfill/README.md):
 * 3 on PostgreSQL, 8 on MySQL/MariaDB (a MariaDB floor of 6.6-7.1x idle pinned a budget of 3 at 100-row batches);
 * apply's options hold "the dialect's default" until the backfill knows its database, and an operator's number
 * replaces it.
 */
class DefaultLatencyBudgetTest {
    @Test
    void eachEngineHasTheBudgetItsFloorAllows() {
        assertThat(Dialects.parse("postgresql:15").defaultMaxLatencyRatio()).isEqualTo(3.0);
        assertThat(Dialects.parse("postgresql:11").defaultMaxLatencyRatio()).isEqualTo(3.0);
        assertThat(Dialects.parse("mariadb:10.11").defaultMaxLatencyRatio()).isEqualTo(8.0);
        assertThat(Dialects.parse("mysql:8.0").defaultMaxLatencyRatio()).isEqualTo(8.0);
    }

    @Test
    void applyDefaultsToTheDialectsBudgetAndTakesTheOperatorsNumber() {
        assertThat(ApplyOptions.defaults().maxLatencyRatio()).isEqualTo(ApplyOptions.DEFAULT_LATENCY_RATIO);
        assertThat(ApplyOptions.defaults().withMaxLatencyRatio(1.5).maxLatencyRatio()).isEqualTo(1.5);
        assertThat(ApplyOptions.checkLatencyRatio(0)).isZero();
        assertThatThrownBy(() -> ApplyOptions.checkLatencyRatio(-2)).hasMessageContaining("between 1.1 and 100");
    }
}
