package dev.migrationstrategist.strategy;

import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.error.StrategistException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every change that drops, renames or retypes what a view, routine, trigger or generated column uses either carries
 * it through (names it in the plan) or is refused with one line per dependant: on the pagila-shaped (PostgreSQL)
 * and sakila-shaped (MariaDB) fixtures, read from their DDL.
 */
class DependenciesTest {

    private static Strategist load(String dialect, String resource) throws Exception {
        try (var in = DependenciesTest.class.getResourceAsStream("/dependants/" + resource)) {
            return Strategist.configure().dialect(dialect).schemaSql(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8)).rows("customer", 5_000_000).load();
        }
    }

    private static Strategist pg() throws Exception {
        return load("postgresql:15", "postgres.sql");
    }

    private static Strategist maria() throws Exception {
        return load("mariadb:10.11", "mariadb.sql");
    }

    @Test
    void postgresRenameOfAColumnAViewUsesRecreatesTheViewAtTheContractBeforeTheDrop() throws Exception {
        PlanResult plan = pg().plan("rename column customer.first_name to given_name");
        String md = plan.markdown();
        assertThat(md).contains("CREATE OR REPLACE VIEW customer_list AS SELECT cu.customer_id AS id,"
                + " cu.given_name || ' ' || cu.last_name AS name");
        assertThat(md.indexOf("CREATE OR REPLACE VIEW customer_list")).as("the view moves before the drop")
                .isLessThan(md.indexOf("DROP COLUMN first_name"));
        assertThat(plan.json()).contains("\"kind\" : \"replace_view\"")
                .as("the plpgsql routine is still named: it changes with the app").contains("routine-changes-with-app");
    }

    @Test
    void postgresRenameOfAColumnAViewReadsThroughAUsingJoinIsRefusedNamingTheView() throws Exception {
        String ddl;
        try (var in = DependenciesTest.class.getResourceAsStream("/dependants/postgres.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Strategist s = Strategist.configure().dialect("postgresql:15").schemaSql(ddl + "\nCREATE VIEW customer_stores AS"
                + " SELECT customer_id, first_name, name FROM customer JOIN store USING (store_id);\n")
                .rows("customer", 5_000_000).load();
        assertThatThrownBy(() -> s.plan("rename column customer.first_name to given_name"))
                .isInstanceOf(StrategistException.class)
                .hasMessageContaining("view customer_stores names customer.first_name")
                .hasMessageContaining("no USING or NATURAL join")
                .hasMessageNotContaining("view customer_list");
    }

    @Test
    void postgresDropOfAColumnAViewAndASqlBodyFunctionUseNamesBoth() throws Exception {
        assertThatThrownBy(() -> pg().plan("drop column customer.email"))
                .hasMessageContaining("view active_emails names customer.email and blocks the drop")
                .hasMessageContaining("function customer_email uses customer.email (an SQL-standard body");
    }

    @Test
    void postgresTypeChangeUnderAMaterializedViewAndAGeneratedColumnIsRefused() throws Exception {
        assertThatThrownBy(() -> pg().plan("change type of payment.amount to numeric(7,2)"))
                .hasMessageContaining("materialized view sales_by_customer names payment.amount: PostgreSQL cannot"
                        + " change the type of a column a view uses, and a column swap would leave sales_by_customer"
                        + " reading the old column")
                .hasMessageContaining("generated column payment.amount_cents is computed from payment.amount");
    }

    @Test
    void droppingTheColumnATriggerSetsIsRefused() throws Exception {
        assertThatThrownBy(() -> pg().plan("drop column customer.last_update"))
                .hasMessageContaining("trigger last_updated on customer names customer.last_update")
                .hasMessageContaining("change its function last_updated to stop naming last_update");
    }

    @Test
    void renamingOrDroppingATableAnotherTablesTriggerWritesIsRefused() throws Exception {
        assertThatThrownBy(() -> pg().plan("rename table customer_audit to customer_log"))
                .hasMessageContaining("trigger customer_audit on customer writes customer_audit by name")
                .hasMessageContaining("(write customer_log)");
        assertThatThrownBy(() -> pg().plan("drop table customer_audit"))
                .hasMessageContaining("trigger customer_audit on customer writes customer_audit");
        assertThatThrownBy(() -> maria().plan("rename table customer_text to customer_names"))
                .hasMessageContaining("trigger ins_customer on customer writes customer_text by name");
    }

    @Test
    void postgresRenameTableKeepsViewsAndNamesThePlpgsqlFunctionThatMustChangeWithTheApp() throws Exception {
        PlanResult plan = pg().plan("rename table customer to client");
        assertThat(plan.markdown()).contains("function customer_name (plpgsql) may use customer")
                .contains("Change customer_name with the app");
        assertThat(plan.markdown()).doesNotContain("customer_list"); // a PostgreSQL view follows the table
    }

    @Test
    void splittingColumnsAwayFromAViewIsRefused() throws Exception {
        assertThatThrownBy(() -> pg().plan("split table customer columns email into customer_contact"))
                .hasMessageContaining("view active_emails names customer.email");
    }

    @Test
    void mariadbDropOfAColumnAViewUsesWouldBreakTheViewAndIsRefused() throws Exception {
        assertThatThrownBy(() -> maria().plan("drop column customer.email"))
                .hasMessageContaining("view active_emails names customer.email and would fail with ERROR 1356");
    }

    @Test
    void mariadbRenameTableUnderAViewIsRefusedButATypeChangeUnderAViewIsNot() throws Exception {
        assertThatThrownBy(() -> maria().plan("rename table customer to client"))
                .hasMessageContaining("view customer_list names customer by name and fails once the old name is gone");
        // a MariaDB view reads its columns by name at each query: the swap leaves it on the new column
        assertThat(maria().plan("change type of customer.last_name to varchar(100)").markdown())
                .contains("last_name");
    }

    @Test
    void mariadbTypeChangeOfAColumnAGeneratedColumnUsesIsRefused() throws Exception {
        assertThatThrownBy(() -> maria().plan("change type of customer.first_name to varchar(100)"))
                .hasMessageContaining("generated column customer.name_length is computed from customer.first_name");
    }

    @Test
    void backfillsKeepOnUpdateColumnsOnMariaDbAndQuietTriggersOnPostgres() throws Exception {
        String maria = maria().plan("rename column customer.phone to phone_number").markdown();
        assertThat(maria).contains("SET phone_number = phone, last_update = last_update WHERE")
                .contains("Keeps `last_update` as it was");
        String pg = pg().plan("rename column customer.phone to phone_number").markdown();
        assertThat(pg).contains("`SET session_replication_role = replica;`")
                .contains("trigger `last_updated` (BEFORE UPDATE, sets `last_update`)")
                .contains("no column of customer other than `phone_number` changes");
    }

    @Test
    void mariadbTriggersThatFireForEveryBackfilledRowAreNamedWithTheColumnsTheySet() throws Exception {
        Strategist s = Strategist.configure().dialect("mariadb:10.11").schemaSql("""
                CREATE TABLE film (film_id int PRIMARY KEY, title varchar(100), rating int, updated_by varchar(20));
                DELIMITER ;;
                CREATE TRIGGER film_touch BEFORE UPDATE ON film FOR EACH ROW BEGIN
                  SET NEW.updated_by = CURRENT_USER();
                END;;
                DELIMITER ;
                """).rows("film", 5_000_000).load();
        assertThat(s.plan("rename column film.title to name").markdown())
                .contains("Fires trigger `film_touch` (BEFORE UPDATE, sets `updated_by`) for every backfilled row")
                .contains("Columns that WILL change in every backfilled row: `updated_by`.");
    }
}
