package dev.migrationstrategist.db;

import dev.migrationstrategist.input.SqlScript;
import dev.migrationstrategist.schema.Dependant;
import dev.migrationstrategist.schema.Dependants;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DependantReaderTest {
    private static final Ident CUSTOMER = Ident.of("customer");

    static void load(TestDatabase db, String resource) throws Exception {
        String text;
        try (var in = DependantReaderTest.class.getResourceAsStream("/dependants/" + resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        db.execute(SqlScript.split(text, resource.startsWith("mariadb")).stream().map(SqlScript.Statement::sql)
                .toList());
    }

    private static Dependant named(Dependants d, String description) {
        return d.all().stream().filter(x -> x.describe().equals(description)).findFirst().orElseThrow(
                () -> new AssertionError("no " + description + " in " + d.all().stream().map(Dependant::describe)
                        .toList()));
    }

    @Test
    @Tag("postgres")
    void readsPostgresViewsRoutinesTriggersAndGeneratedColumns() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            load(db, "postgres.sql");
            Dependants d = CatalogReader.read(db.connection(), db.scope()).dependants();
            assertThat(d.views()).extracting(Dependant::describe).containsExactly("view customer_list",
                    "view active_emails", "materialized view sales_by_customer");
            Dependant.View list = (Dependant.View) named(d, "view customer_list");
            assertThat(list.exact()).isTrue();
            assertThat(list.usesColumn(CUSTOMER, Ident.of("first_name"))).isTrue();
            assertThat(list.usesColumn(CUSTOMER, Ident.of("email"))).isFalse();
            assertThat(named(d, "materialized view sales_by_customer").usesColumn(Ident.of("payment"),
                    Ident.of("amount"))).isTrue();
            // a PL/pgSQL body is text to the server: read from its tokens, so "may use"
            Dependant.Routine plpgsql = (Dependant.Routine) named(d, "function customer_name");
            assertThat(plpgsql.exact()).isFalse();
            assertThat(plpgsql.usesColumn(CUSTOMER, Ident.of("first_name"))).isTrue();
            // a SQL-standard body: the server's own dependencies
            Dependant.Routine atomic = (Dependant.Routine) named(d, "function customer_email");
            assertThat(atomic.exact()).isTrue();
            assertThat(atomic.sqlBody()).isTrue();
            assertThat(atomic.usesColumn(CUSTOMER, Ident.of("email"))).isTrue();
            assertThat(atomic.usesColumn(CUSTOMER, Ident.of("first_name"))).isFalse();
            Dependant.Trigger lastUpdated = d.triggersOf(CUSTOMER, "BEFORE", "UPDATE").get(0);
            assertThat(lastUpdated.name()).isEqualTo(Ident.of("last_updated"));
            assertThat(lastUpdated.assigns()).containsExactly(Ident.of("last_update"));
            assertThat(d.writersOf(Ident.of("customer_audit"))).extracting(Dependant::describe)
                    .containsExactly("trigger customer_audit on customer");
            Dependant.Generated cents = d.generated().get(0);
            assertThat(cents.describe()).isEqualTo("generated column payment.amount_cents");
            assertThat(cents.usesColumn(Ident.of("payment"), Ident.of("amount"))).isTrue();
        }
    }

    @Test
    @Tag("postgres")
    void leavesTheToolsOwnTablesOutOfStateA() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            db.execute("CREATE TABLE t (id int PRIMARY KEY)");
            new StateStore(db.connection(), new dev.migrationstrategist.dialect.PostgresDialect(
                    dev.migrationstrategist.dialect.Version.of(15, 0, 0))).ensureTables();
            Schema s = CatalogReader.read(db.connection(), db.scope());
            assertThat(s.tables()).extracting(t -> t.name().name()).containsExactly("t");
        }
    }

    @Test
    @Tag("mariadb")
    void readsMariaDbViewsRoutinesTriggersOnUpdateAndGeneratedColumns() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            load(db, "mariadb.sql");
            Dependants d = CatalogReader.read(db.connection(), db.scope()).dependants();
            assertThat(d.views()).extracting(Dependant::describe).containsExactly("view active_emails",
                    "view customer_list");
            assertThat(named(d, "view customer_list").usesColumn(CUSTOMER, Ident.of("first_name"))).isTrue();
            assertThat(named(d, "view active_emails").usesColumn(CUSTOMER, Ident.of("first_name"))).isFalse();
            assertThat(named(d, "function customer_name").usesColumn(CUSTOMER, Ident.of("last_name"))).isTrue();
            assertThat(named(d, "procedure touch_store").usesColumn(Ident.of("store"), Ident.of("name"))).isTrue();
            assertThat(d.writersOf(Ident.of("customer_text"))).extracting(Dependant::describe)
                    .containsExactly("trigger ins_customer on customer");
            assertThat(d.onUpdateColumns(CUSTOMER)).containsExactly(Ident.of("last_update"));
            assertThat(d.onUpdateColumns(Ident.of("store"))).containsExactly(Ident.of("last_update"));
            assertThat(d.generated()).singleElement().satisfies(g -> {
                assertThat(g.describe()).isEqualTo("generated column customer.name_length");
                assertThat(g.usesColumn(CUSTOMER, Ident.of("first_name"))).isTrue();
            });
        }
    }
}
