package dev.migrationstrategist.strategy;

import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.plan.BackfillStep;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.statement.NoLockWait;
import dev.migrationstrategist.statement.RenameTables;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shadow-table copy of a large key on MySQL/MariaDB (KeyCopy): the steps it plans, and what it refuses with one
 * line naming each object. Execution under load: ApplyKeyCopyUnderLoadTest.
 */
class KeyCopyPlanTest {
    static final String CHANGE = "ALTER TABLE payment MODIFY payment_id BIGINT NOT NULL AUTO_INCREMENT;";
    static final String PAYMENT = """
            CREATE TABLE payment (payment_id INT NOT NULL AUTO_INCREMENT, amount DECIMAL(5,2) NOT NULL,
              PRIMARY KEY (payment_id));
            """;
    static final String REFUND = """
            CREATE TABLE refund (refund_id INT NOT NULL AUTO_INCREMENT, payment_id INT NOT NULL,
              PRIMARY KEY (refund_id), KEY idx_refund_payment (payment_id),
              CONSTRAINT fk_refund_payment FOREIGN KEY (payment_id) REFERENCES payment (payment_id));
            """;

    private static Plan plan(String dialect, String schema) {
        return PlanSteps.plan(dialect, schema, CHANGE, Map.of());
    }

    @Test
    void aLargeReferencedKeyIsCopiedIntoShadowsAndSwappedInByOneRename() {
        for (String dialect : new String[] {"mariadb:10.11", "mysql:8.0"}) {
            Plan plan = plan(dialect, PAYMENT + REFUND);
            assertThat(plan.steps()).extracting(s -> s.phase()).containsExactly(Phase.EXPAND, Phase.BACKFILL,
                    Phase.BACKFILL, Phase.CONSTRAIN, Phase.APP_RELEASE_2, Phase.CONTRACT, Phase.CONTRACT);
            String all = plan.steps().toString();
            assertThat(all).contains("CREATE TABLE _payment_new LIKE payment;", "CREATE TABLE _refund_new LIKE refund;",
                    "ALTER TABLE _refund_new MODIFY payment_id BIGINT NOT NULL",
                    "CREATE TRIGGER _payment_copy_del AFTER DELETE ON payment",
                    "REFERENCES _payment_new (payment_id)",
                    "RENAME TABLE payment TO _payment_old, _payment_new TO payment, refund TO _refund_old,"
                            + " _refund_new TO refund;",
                    "DROP TABLE _refund_old;", "DROP TABLE _payment_old;",
                    "ADD CONSTRAINT fk_refund_payment FOREIGN KEY (payment_id) REFERENCES payment (payment_id)",
                    "DROP FOREIGN KEY fk_refund_payment_new");
            BackfillStep copy = (BackfillStep) plan.steps().get(1);
            assertThat(copy.batch().sql()).startsWith("INSERT IGNORE INTO _payment_new (payment_id, amount) SELECT"
                    + " payment_id, amount FROM payment WHERE payment_id > :last_id AND payment_id <= :next_id");
            SchemaStep cutover = (SchemaStep) plan.steps().get(5);
            assertThat(cutover.statements()).anySatisfy(r -> assertThat(r.statement()).isInstanceOf(NoLockWait.class)
                    .extracting(s -> ((NoLockWait) s).statement()).isInstanceOf(RenameTables.class));
            assertThat(cutover.verifySql()).contains("LEFT JOIN _refund_new s", "LEFT JOIN refund x");
            assertThat(cutover.rollback().irreversible()).isTrue();
            assertThat(cutover.rollback().note()).contains("writes after the rename reach only the new tables");
            assertThat(((SchemaStep) plan.steps().get(0)).rollback().sql()).contains("DROP TABLE IF EXISTS _refund_new;",
                    "DROP TABLE IF EXISTS _payment_new;");
        }
    }

    @Test
    void aLargeKeyAloneIsCopiedToo_withThePtOscCommandAsTheAlternative() {
        Plan plan = plan("mariadb:10.11", PAYMENT);
        assertThat(plan.steps().toString()).contains("CREATE TABLE _payment_new LIKE payment;",
                "RENAME TABLE payment TO _payment_old, _payment_new TO payment;",
                "pt-online-schema-change --alter 'MODIFY payment_id BIGINT NOT NULL AUTO_INCREMENT'");
    }

    @Test
    void theMarkdownExplainsEachStep() {
        String md = Strategist.configure().dialect("mariadb:10.11").schemaSql(PAYMENT + REFUND).load()
                .planSql(CHANGE).markdown();
        assertThat(md).contains("by copying `payment`, `refund` into shadow tables",
                "Cut over in one atomic `RENAME TABLE`", "InnoDB foreign keys follow a renamed table",
                "each foreign key takes its State A name back", "shadow tables with the new type");
    }

    @Test
    void postgresKeepsItsColumnSwap() {
        assertThat(PlanSteps.plan("postgresql:15", """
                CREATE TABLE payment (payment_id serial PRIMARY KEY, amount numeric(5,2) NOT NULL);
                CREATE TABLE refund (refund_id serial PRIMARY KEY, payment_id integer NOT NULL
                  CONSTRAINT fk_refund_payment REFERENCES payment (payment_id));
                """, "ALTER TABLE payment ALTER COLUMN payment_id TYPE bigint;", Map.of("refund", 10L))
                .steps().toString()).contains("PRIMARY KEY USING INDEX").doesNotContain("_payment_new LIKE");
    }

    @Test
    void whatTheCopyDoesNotHandleIsRefusedNamingEachObject() {
        assertRefused(PAYMENT + REFUND + "CREATE TRIGGER payment_audit AFTER INSERT ON payment FOR EACH ROW SET"
                + " @n = 1;", "trigger payment_audit on payment would stay on the old table");
        assertRefused(PAYMENT + REFUND + """
                CREATE TABLE refund_note (id INT NOT NULL PRIMARY KEY, refund_id INT NOT NULL,
                  CONSTRAINT fk_note_refund FOREIGN KEY (refund_id) REFERENCES refund (refund_id));
                """, "foreign key fk_note_refund on refund_note references refund through refund_id and would follow"
                + " the old table");
        assertRefused("""
                CREATE TABLE payment (payment_id INT NOT NULL AUTO_INCREMENT, code INT NOT NULL,
                  PRIMARY KEY (payment_id), UNIQUE KEY uq_code (code));
                CREATE TABLE ticket (id INT NOT NULL PRIMARY KEY, code INT NOT NULL,
                  CONSTRAINT fk_ticket_code FOREIGN KEY (code) REFERENCES payment (code));
                """, "foreign key fk_ticket_code on ticket references payment through code");
        assertRefused(PAYMENT + """
                CREATE TABLE refund (payment_id INT NOT NULL, line INT NOT NULL, PRIMARY KEY (payment_id, line),
                  CONSTRAINT fk_refund_payment FOREIGN KEY (payment_id) REFERENCES payment (payment_id));
                """, "refund.payment_id is part of refund's own primary key");
        assertRefused(PAYMENT + """
                CREATE TABLE refund (payment_id INT NOT NULL,
                  CONSTRAINT fk_refund_payment FOREIGN KEY (payment_id) REFERENCES payment (payment_id));
                """, "refund has no primary key");
        assertRefused(PAYMENT + """
                CREATE TABLE refund (refund_id INT NOT NULL PRIMARY KEY, payment_id INT NOT NULL,
                  CONSTRAINT fk_refund_payment FOREIGN KEY (payment_id) REFERENCES payment (payment_id)
                  ON DELETE CASCADE);
                """, "foreign key fk_refund_payment on refund cascades (ON DELETE CASCADE");
        assertRefused(PAYMENT + """
                CREATE TABLE refund (refund_id INT NOT NULL PRIMARY KEY, payment_id INT NOT NULL, parent_id INT,
                  CONSTRAINT fk_refund_payment FOREIGN KEY (payment_id) REFERENCES payment (payment_id));
                """.replace("parent_id INT,", "parent_id INT,") + """
                ALTER TABLE payment ADD COLUMN parent_id INT,
                  ADD CONSTRAINT fk_payment_parent FOREIGN KEY (parent_id) REFERENCES payment (payment_id);
                """, "foreign key fk_payment_parent on payment references its own table");
        assertRefused("""
                CREATE TABLE payment (payment_id INT NOT NULL AUTO_INCREMENT, d DATE NOT NULL,
                  PRIMARY KEY (payment_id)) PARTITION BY HASH (payment_id) PARTITIONS 4;
                """, "payment is partitioned");
    }

    private static void assertRefused(String schema, String reason) {
        assertThatThrownBy(() -> plan("mariadb:10.11", schema)).isInstanceOf(StrategistException.class)
                .hasMessageContaining("into shadow tables, which does not handle: ").hasMessageContaining(reason)
                .hasMessageNotContaining("\n");
    }
}
