package dev.migrationstrategist.strategy;

import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A MySQL/MariaDB name holding an escaped backtick ({@code `a``b`} is the name a`b), in State A and in the change. */
@Tag("mariadb")
class EscapedBacktickNamesTest {
    static final String SCHEMA = "CREATE TABLE `odd``name` (id bigint PRIMARY KEY, `x``y` int NOT NULL,"
            + " note varchar(20) DEFAULT 'it''s `x``y`');";

    @Test
    void theNameIsReadPlannedRenderedAndRunAsOneIdentifier() {
        Plan plan = PlanSteps.plan("mariadb:10.11", SCHEMA,
                "ALTER TABLE `odd``name` ADD COLUMN `p``q` int; -- a comment with `a``b`", Map.of("odd`name", 10L));
        SchemaStep step = (SchemaStep) plan.steps().get(0);
        assertThat(step.sql()).contains("ALTER TABLE `odd``name` ADD COLUMN `p``q` int, ALGORITHM=INSTANT, LOCK=NONE;");
        try (TestDatabase db = TestDatabases.mariadb()) {
            db.execute(SCHEMA);
            db.execute("INSERT INTO `odd``name` (id, `x``y`) VALUES (1, 7)");
            PlanSteps.runAll(db, plan, s -> { });
            assertThat(db.column("SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE()"
                    + " AND table_name = 'odd`name' ORDER BY ordinal_position"))
                    .containsExactly("id", "x`y", "note", "p`q");
            assertThat(db.column("SELECT note FROM `odd``name`")).containsExactly("it's `x``y`");
        }
    }

    @Test
    void aRenameWithEscapedBackticksIsPlannedOnTheRightColumn() {
        Plan plan = PlanSteps.plan("mariadb:10.11", SCHEMA, "ALTER TABLE `odd``name` RENAME COLUMN `x``y` TO `z``w`;",
                Map.of());
        assertThat(plan.steps().toString()).contains("ADD COLUMN `z``w` int").contains("DROP COLUMN `x``y`");
    }
}
