package dev.migrationstrategist.db.kill;

/**
 * Kill tests for a type change on a schema-qualified, mixed-case table ({@code kill_sales_<random>."Orders"}, beside
 * {@code orders} of the current schema; PostgreSQL only, the MariaDB methods are skipped): killed at every boundary,
 * the rerun finishes the right table and leaves the other one as seeded (md5). The swap and contract only:
 * {@code -Dkilltest.match='s2:'} (see docs/kill-tests.md).
 */
class KillQualifiedTableTest extends KillTest {
    @Override
    KillScenario scenario() {
        return new QualifiedTableScenario();
    }
}
