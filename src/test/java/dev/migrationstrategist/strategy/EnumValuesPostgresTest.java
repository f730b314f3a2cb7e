package dev.migrationstrategist.strategy;

import dev.migrationstrategist.db.CatalogReader;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.EnumType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Enum value changes on a real PostgreSQL 15, and the catalog reader's enum types. */
@Tag("postgres")
class EnumValuesPostgresTest {
    static final String STATE_A = "CREATE TYPE status_t AS ENUM ('new', 'paid');\n"
            + "CREATE TABLE orders (id bigint PRIMARY KEY, status status_t NOT NULL);";

    private static void setUp(TestDatabase db) {
        db.execute(STATE_A.split(";\n"));
        db.execute("INSERT INTO orders VALUES (1, 'new'), (2, 'paid')");
    }

    private static List<EnumType> enums(TestDatabase db) throws Exception {
        return CatalogReader.read(db.connection(), db.scope()).enums();
    }

    @Test
    void catalogReaderReadsEnumTypesInTheirSortOrder() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            setUp(db);
            db.execute("ALTER TYPE status_t ADD VALUE 'draft' BEFORE 'new'");
            assertThat(enums(db)).containsExactly(new EnumType(Ident.of("status_t"), List.of("draft", "new", "paid")));
        }
    }

    @Test
    void addEnumValueIsOneStepAndTheValueIsUsableAfterItCommits() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            setUp(db);
            Plan plan = PlanSteps.plan("postgresql:15", STATE_A, "add value 'archived' to enum status_t after 'new'",
                    Map.of());
            assertThat(plan.steps()).hasSize(1);
            SchemaStep step = (SchemaStep) plan.steps().get(0);
            assertThat(step.sql()).containsExactly("ALTER TYPE status_t ADD VALUE IF NOT EXISTS 'archived' AFTER 'new';");
            assertThat(step.transactional()).isTrue();
            PlanSteps.run(db, step);
            PlanSteps.run(db, step); // IF NOT EXISTS: a rerun is harmless
            db.execute("INSERT INTO orders VALUES (3, 'archived')");
            assertThat(enums(db)).isEqualTo(plan.after().enums());
            assertThat(plan.after().enumType(Ident.of("status_t")).orElseThrow().values())
                    .containsExactly("new", "archived", "paid");
            assertThat(step.rollback().sql()).isEmpty();
        }
    }

    @Test
    void beforePostgres12TheStepRunsOutsideATransaction() {
        Plan plan = PlanSteps.plan("postgresql:11", STATE_A, "ALTER TYPE status_t ADD VALUE 'archived';", Map.of());
        SchemaStep step = (SchemaStep) plan.steps().get(0);
        assertThat(step.transactional()).isFalse();
        assertThat(step.bullets()).anyMatch(b -> b.contains("before 12 refuses"));
    }

    @Test
    void renameEnumValueKeepsTheOldSpellingWritableAndItsRollbackConvertsRowsBack() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            setUp(db);
            Plan plan = PlanSteps.plan("postgresql:15", STATE_A, "rename value 'paid' of enum status_t to 'settled'",
                    Map.of());
            assertThat(plan.steps()).extracting(s -> s.phase()).containsExactly(Phase.APP_RELEASE_1, Phase.CONSTRAIN,
                    Phase.APP_RELEASE_2, Phase.BACKFILL_2);
            SchemaStep rename = (SchemaStep) plan.stepsIn(Phase.CONSTRAIN).get(0);
            assertThat(rename.transactional()).isTrue();
            assertThat(rename.sql()).containsExactly("ALTER TYPE status_t RENAME VALUE 'paid' TO 'settled';",
                    "ALTER TYPE status_t ADD VALUE IF NOT EXISTS 'paid' AFTER 'settled';");
            PlanSteps.run(db, rename);
            assertThat(db.column("SELECT status::text FROM orders WHERE id = 2")).containsExactly("settled");
            assertThat(enums(db)).isEqualTo(plan.after().enums());
            db.execute("INSERT INTO orders VALUES (9, 'paid')"); // v1.1 keeps writing the old spelling
            assertThat(db.column("SELECT status::text FROM orders WHERE id = 9")).containsExactly("paid");
            assertThat(plan.findings()).extracting(f -> f.rule()).containsExactly("renamed-enum-value-kept");
        }
    }

    @Test
    void beforePostgres12TheNewSpellingIsAddedAloneAndEveryRowIsBackfilled() {
        Plan plan = PlanSteps.plan("postgresql:11", STATE_A, "rename value 'paid' of enum status_t to 'settled'",
                Map.of());
        SchemaStep add = (SchemaStep) plan.stepsIn(Phase.CONSTRAIN).get(0);
        assertThat(add.transactional()).isFalse();
        assertThat(add.sql()).containsExactly("ALTER TYPE status_t ADD VALUE IF NOT EXISTS 'settled' BEFORE 'paid';");
        assertThat(plan.after().enumType(Ident.of("status_t")).orElseThrow().values())
                .containsExactly("new", "settled", "paid");
        assertThat(plan.stepsIn(Phase.BACKFILL_2)).hasSize(1);
    }

    @Test
    void arraysOfTheEnumAreRefused() {
        assertThatThrownBy(() -> PlanSteps.plan("postgresql:15", STATE_A
                + "\nCREATE TABLE history (id bigint PRIMARY KEY, states status_t[]);",
                "rename value 'paid' of enum status_t to 'settled'", Map.of()))
                .hasMessageContaining("history.states is an array of status_t");
    }

    @Test
    void removingAValueIsRefusedWithThePathThroughANewType() {
        assertThatThrownBy(() -> PlanSteps.plan("postgresql:15", STATE_A, "drop value 'paid' from enum status_t",
                Map.of())).hasMessageContaining("type change through a new type");
        assertThatThrownBy(() -> PlanSteps.plan("postgresql:9.6", STATE_A,
                "rename value 'paid' of enum status_t to 'settled'", Map.of())).hasMessageContaining("10+");
    }
}
