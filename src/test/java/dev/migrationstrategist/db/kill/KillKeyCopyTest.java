package dev.migrationstrategist.db.kill;

/**
 * Kill tests for the shadow-table copy of a key on MariaDB ({@code change type of accounts.id to bigint}, referenced
 * by notes, tables of unknown size): every boundary of the expand (shadows, sync triggers), of the copies (batches,
 * checkpoints), of the shadows' foreign keys, of the cutover (RENAME TABLE, triggers dropped) and of the final
 * contract (old tables dropped, foreign-key names restored). PostgreSQL is skipped (it swaps the column). The cutover
 * alone: {@code -Dkilltest.match='step=6,'}.
 */
class KillKeyCopyTest extends KillTest {
    @Override
    KillScenario scenario() {
        return new Scenarios.KeyCopy();
    }
}
