package dev.migrationstrategist.db;

import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.schema.Dependant;
import dev.migrationstrategist.schema.Dependants;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 10, plan time: the views, routines and triggers of other schemas (PostgreSQL) or databases (MariaDB) over
 * the rental schema's customer are read, named qualified, and refuse a drop of the column they use; the other
 * schema's objects over its own tables are not taken for dependants of scope.
 */
class OtherSchemaDependantsTest {

    @Test
    @Tag("postgres")
    void postgresReadsAndRefusesOtherSchemasObjects() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            String rep = db.scope() + "_rep";
            try {
                DependantReaderTest.load(db, "postgres.sql");
                db.execute("CREATE SCHEMA " + rep,
                        // its own customer table and a view over it: not a dependant of scope's customer
                        "CREATE TABLE " + rep + ".customer (customer_id int PRIMARY KEY, phone text)",
                        "CREATE VIEW " + rep + ".own_phones AS SELECT phone FROM " + rep + ".customer",
                        "CREATE VIEW " + rep + ".customer_summary AS SELECT c.customer_id, c.phone FROM "
                                + db.scope() + ".customer c",
                        "CREATE FUNCTION " + rep + ".phone_of(p integer) RETURNS text LANGUAGE plpgsql AS $$ BEGIN"
                                + " RETURN (SELECT phone FROM " + db.scope() + ".customer WHERE customer_id = p); END $$",
                        "CREATE FUNCTION " + rep + ".audit_phone() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                                + " UPDATE " + db.scope() + ".customer SET phone = NULL WHERE false; RETURN NEW; END $$",
                        "CREATE TRIGGER audit_phone AFTER INSERT ON " + rep + ".customer FOR EACH ROW EXECUTE"
                                + " FUNCTION " + rep + ".audit_phone()");
                Dependants d = CatalogReader.read(db.connection(), db.scope()).dependants();
                assertThat(d.all()).extracting(Dependant::describe).contains("view " + rep + ".customer_summary",
                        "function " + rep + ".phone_of", "trigger audit_phone on " + rep + ".customer")
                        .doesNotContain("view " + rep + ".own_phones");
                refused(db, rep);
            } finally {
                db.execute("DROP SCHEMA IF EXISTS " + rep + " CASCADE");
            }
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbReadsAndRefusesOtherDatabasesObjects() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            String rep = db.scope() + "_rep";
            try {
                DependantReaderTest.load(db, "mariadb.sql");
                db.execute("CREATE DATABASE " + rep,
                        "CREATE TABLE " + rep + ".customer (customer_id int PRIMARY KEY, phone varchar(20))",
                        "CREATE VIEW " + rep + ".own_phones AS SELECT phone FROM " + rep + ".customer",
                        "CREATE VIEW " + rep + ".customer_summary AS SELECT c.customer_id, c.phone FROM "
                                + db.scope() + ".customer c",
                        "CREATE FUNCTION " + rep + ".phone_of(p INT) RETURNS varchar(20) READS SQL DATA RETURN"
                                + " (SELECT phone FROM " + db.scope() + ".customer WHERE customer_id = p)",
                        "CREATE TRIGGER " + rep + ".audit_phone AFTER INSERT ON " + rep + ".customer FOR EACH ROW"
                                + " UPDATE " + db.scope() + ".customer SET phone = NULL WHERE 1 = 0");
                Dependants d = CatalogReader.read(db.connection(), db.scope()).dependants();
                assertThat(d.all()).extracting(Dependant::describe).contains("view " + rep + ".customer_summary",
                        "function " + rep + ".phone_of", "trigger " + rep + ".audit_phone on " + rep + ".customer")
                        .doesNotContain("view " + rep + ".own_phones");
                refused(db, rep);
            } finally {
                db.execute("DROP DATABASE IF EXISTS " + rep);
            }
        }
    }

    private static void refused(TestDatabase db, String rep) {
        assertThatThrownBy(() -> Strategist.configure().liveDatabase(ApplyScenario.database(db)).load()
                .plan("drop column customer.phone"))
                .isInstanceOf(StrategistException.class)
                .hasMessageContaining("view " + rep + ".customer_summary")
                .hasMessageContaining("trigger " + (db.family().equals("postgresql") ? "" : rep + ".") + "audit_phone");
    }
}
