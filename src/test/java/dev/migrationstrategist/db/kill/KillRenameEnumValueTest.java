package dev.migrationstrategist.db.kill;

/**
 * Kill tests for {@code rename value 'paid' of enum order_status to 'settled'} (PostgreSQL): apply killed at every
 * boundary of the catalog step and of both tables' backfills of the leftover old spelling. There is no rollback
 * variant: the plan has no irreversible step to stop before (the rollback under writers is
 * {@code RenameEnumValueApplyTest}'s).
 */
class KillRenameEnumValueTest extends KillTest {
    @Override
    KillScenario scenario() {
        return new RenameEnumValueScenario();
    }
}
