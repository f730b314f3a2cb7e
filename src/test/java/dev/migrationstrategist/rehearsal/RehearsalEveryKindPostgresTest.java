package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/** Every change kind rehearsed on PostgreSQL: the plan side holds every invariant; the naive side breaks where shown. */
@Tag("postgres")
class RehearsalEveryKindPostgresTest {
    static Stream<EveryKind> cases() {
        return EveryKind.postgresCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void planHoldsEveryInvariant(EveryKind c) {
        try (TestDatabase db = TestDatabases.postgres()) {
            c.check(db, c.postgres(), c.postgresBreak());
        }
    }
}
