package dev.migrationstrategist.db.kill;

/**
 * Kill tests for {@code move columns bio, avatar_url from users to user_profiles}: apply killed at every boundary of
 * the expand (the LOCK TABLE in the apps' order, the columns, both tables' sync triggers), the backfill that creates
 * missing profile rows and copies the values, and the contract.
 */
class KillMoveColumnsTest extends KillTest {
    @Override
    KillScenario scenario() {
        return new MoveColumnsScenario();
    }
}
