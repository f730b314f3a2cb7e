package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every change kind rehearsed on MariaDB: the plan side holds every invariant; the naive side breaks where shown. */
@Tag("mariadb")
class RehearsalEveryKindMariaDbTest {
    static Stream<EveryKind> cases() {
        return EveryKind.mariadbCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void planHoldsEveryInvariant(EveryKind c) {
        try (TestDatabase db = TestDatabases.mariadb()) {
            c.check(db, c.mariadb(), c.mariadbBreak());
        }
    }

    /** A plan step that only an online schema-change tool runs cannot be rehearsed: one line says so. */
    @Test
    void aStepForAnOnlineSchemaChangeToolIsRefusedWithOneLine() {
        try (TestDatabase db = TestDatabases.mariadb()) {
            java.util.List<String> before = RehearsalRun.leftovers(db);
            assertThatThrownBy(() -> RehearsalRun.quick(db, EveryKind.BASE,
                    "ALTER TABLE orders ADD CONSTRAINT orders_qty_positive CHECK (qty > 0)"))
                    .isInstanceOf(dev.migrationstrategist.error.StrategistException.class)
                    .hasMessage("rehearse: step 1 (add_check on orders) has no SQL: the plan runs it with an online"
                            + " schema-change tool (pt-online-schema-change or gh-ost), which the rehearsal does not run");
            assertThat(RehearsalRun.leftovers(db)).as("nothing created").isSubsetOf(before);
        }
    }
}
