package dev.migrationstrategist.db.kill;

/**
 * Kill tests for "running out of ids" on an identity key ({@code change type of payment.payment_id to bigint},
 * {@code GENERATED ALWAYS AS IDENTITY}, referenced by refund; PostgreSQL only, the MariaDB methods are skipped): every
 * boundary of the direct widening of refund and of the key swap transaction, which also hands the identity to the
 * new column (ADD GENERATED ALWAYS AS IDENTITY, setval from the old sequence, DROP IDENTITY, sequence renamed).
 * Swap and child widening only: {@code -Dkilltest.match='step=(1|7),(stmt|commit)'} (see docs/kill-tests.md).
 */
class KillIdentityKeyWideningTest extends KillTest {
    @Override
    KillScenario scenario() {
        return new IdentityKeyWideningScenario();
    }

    /** The swap rolled back under v1.0: the identity handed back to the INT column, numbering on past every id. */
    @Override
    boolean rollsBack() {
        return true;
    }
}
