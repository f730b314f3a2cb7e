package dev.migrationstrategist.db;

import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** apply's one-line error keeps PostgreSQL's DETAIL line, which names the object that blocked the statement. */
class ServerMessageTest {

    @Test
    @Tag("postgres")
    void aTypeChangeUnderAMaterializedViewKeepsTheDetailNamingIt() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            db.execute("CREATE TABLE payment (id int PRIMARY KEY, amount numeric(5,2))",
                    "CREATE MATERIALIZED VIEW totals AS SELECT sum(amount) AS total FROM payment");
            try (Statement st = db.connection().createStatement()) {
                st.execute("ALTER TABLE payment ALTER COLUMN amount TYPE numeric(7,2)");
                fail("PostgreSQL changed the type under a materialized view");
            } catch (SQLException e) {
                assertThat(Database.firstLine(e.getMessage())).doesNotContain("totals");
                assertThat(Database.serverMessage(e.getMessage()))
                        .startsWith("ERROR: cannot alter type of a column used by a view or rule")
                        .contains("(DETAIL: rule _RETURN on materialized view totals depends on column \"amount\")")
                        .doesNotContain("\n");
            }
        }
    }

    @Test
    void aMessageWithoutDetailIsItsFirstLine() {
        assertThat(Database.serverMessage("ERROR: relation \"x\" does not exist\n  Position: 15"))
                .isEqualTo("ERROR: relation \"x\" does not exist");
        assertThat(Database.serverMessage(null)).isEmpty();
    }
}
