package dev.migrationstrategist.rehearsal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScratchDatabaseTest {
    @Test
    void postgresUrlGetsTheScratchSchemaInsteadOfTheUsersOwn() {
        assertThat(ScratchDatabase.scopedUrl("jdbc:postgresql://h:5432/app?currentSchema=public&ssl=true", true,
                "strategist_rehearsal_ab_plan", "prepareThreshold=1"))
                .isEqualTo("jdbc:postgresql://h:5432/app?ssl=true&currentSchema=strategist_rehearsal_ab_plan"
                        + "&prepareThreshold=1");
    }

    @Test
    void mariadbUrlGetsTheScratchDatabaseAsItsPath() {
        assertThat(ScratchDatabase.scopedUrl("jdbc:mariadb://h:3306/app?user=x", false, "strategist_rehearsal_ab_naive",
                "")).isEqualTo("jdbc:mariadb://h:3306/strategist_rehearsal_ab_naive?user=x");
        assertThat(ScratchDatabase.scopedUrl("jdbc:mariadb://h:3306", false, "s", "")).isEqualTo("jdbc:mariadb://h:3306/s");
    }
}
