package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

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
}
