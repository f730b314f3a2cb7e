package dev.migrationstrategist.plan;

import dev.migrationstrategist.planner.Planner;
import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.error.StrategistException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Two changes of one request on the same column: a change given after a type change that goes through a new
 * column and a swap would act on the old column and be lost at the contract, so it is refused; given before, the
 * swap carries it over.
 */
class PlannerSameColumnTest {
    static final String SCHEMA = "CREATE TABLE orders (id bigint PRIMARY KEY, qty integer, note text);";

    @Test
    void aChangeAfterASwappedTypeChangeOfTheSameColumnIsRefused() {
        Strategist strategist = Strategist.configure().dialect("postgresql:15").schemaSql(SCHEMA).load();
        StrategistException e = catchThrowableOfType(StrategistException.class, () -> strategist.planSql(
                "ALTER TABLE orders ALTER COLUMN qty TYPE bigint; ALTER TABLE orders ALTER COLUMN qty SET NOT NULL;"));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.getMessage()).startsWith("sql:1:").contains("orders.qty is replaced by a new column and a swap",
                "give it before the type change");
        assertThat(e.setting()).contains("sql");
    }

    @Test
    void givenBeforeTheTypeChangeTheSwapCarriesItOver() {
        Strategist strategist = Strategist.configure().dialect("postgresql:15").schemaSql(SCHEMA).load();
        Plan plan = strategist.planSql("ALTER TABLE orders ALTER COLUMN qty SET NOT NULL;"
                + " ALTER TABLE orders ALTER COLUMN qty TYPE bigint;").plan();
        var qty = plan.after().table(dev.migrationstrategist.schema.Ident.of("orders")).orElseThrow()
                .column(dev.migrationstrategist.schema.Ident.of("qty")).orElseThrow();
        assertThat(qty.nullable()).isFalse();
        assertThat(qty.type().base()).isEqualTo("bigint");
    }

    @Test
    void anInPlaceTypeChangeLeavesLaterChangesOfTheColumnAlone() {
        Strategist strategist = Strategist.configure().dialect("postgresql:15")
                .schemaSql("CREATE TABLE orders (id bigint PRIMARY KEY, label varchar(20));").load();
        Plan plan = strategist.planSql("ALTER TABLE orders ALTER COLUMN label TYPE varchar(50);"
                + " ALTER TABLE orders ALTER COLUMN label SET DEFAULT 'x';").plan();
        assertThat(plan.steps()).isNotEmpty();
    }
}
