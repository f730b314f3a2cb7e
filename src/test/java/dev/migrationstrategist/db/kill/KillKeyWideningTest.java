package dev.migrationstrategist.db.kill;

/**
 * Kill tests for "running out of ids" ({@code change type of accounts.id to bigint}, referenced by notes): on
 * PostgreSQL every boundary of the direct widening of notes (LOCK TABLE accounts, notes, then the rewrite) and of the
 * key swap transaction (foreign key and primary key dropped, renames, PRIMARY KEY USING INDEX, foreign key re-added
 * NOT VALID) and its VALIDATE; on MariaDB the direct route (foreign key dropped, both sides copied, added back).
 * The swap step alone: {@code -Dkilltest.match='step=7,'} (PostgreSQL).
 */
class KillKeyWideningTest extends KillTest {
    @Override
    KillScenario scenario() {
        return new Scenarios.KeyWidening();
    }
}
