package dev.migrationstrategist.input;

import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.schema.Dependant;
import dev.migrationstrategist.schema.Dependants;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Views, routines, triggers, ON UPDATE and generated columns read from DDL: as written, and as the dumps print it. */
class DependantStatementsTest {
    private static final Ident CUSTOMER = Ident.of("customer");

    private static Schema read(String dialect, String resource) throws Exception {
        try (var in = DependantStatementsTest.class.getResourceAsStream("/dependants/" + resource)) {
            return new SchemaReader(Dialects.parse(dialect)).read(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8), resource);
        }
    }

    private static Dependant named(Dependants d, String description) {
        return d.all().stream().filter(x -> x.describe().equals(description)).findFirst().orElseThrow(
                () -> new AssertionError("no " + description + " in " + d.all().stream().map(Dependant::describe)
                        .toList()));
    }

    /** postgres.sql as written, and pg_dump 15's --schema-only output of it loaded into PostgreSQL 15. */
    @ParameterizedTest
    @ValueSource(strings = {"postgres.sql", "postgres-pg_dump.sql"})
    void readsPostgresDdl(String resource) throws Exception {
        Schema s = read("postgresql:15", resource);
        Dependants d = s.dependants();
        assertThat(s.tables()).extracting(t -> t.name().name())
                .containsExactlyInAnyOrder("store", "customer", "customer_audit", "payment");
        assertThat(d.views()).extracting(Dependant::describe).containsExactlyInAnyOrder("view customer_list",
                "view active_emails", "materialized view sales_by_customer");
        assertThat(named(d, "view customer_list").usesColumn(CUSTOMER, Ident.of("first_name"))).isTrue();
        assertThat(named(d, "view active_emails").usesColumn(CUSTOMER, Ident.of("first_name"))).isFalse();
        assertThat(named(d, "materialized view sales_by_customer").usesColumn(Ident.of("payment"),
                Ident.of("amount"))).isTrue();
        Dependant.Routine plpgsql = (Dependant.Routine) named(d, "function customer_name");
        assertThat(plpgsql.language()).isEqualTo("plpgsql");
        assertThat(plpgsql.sqlBody()).isFalse();
        assertThat(plpgsql.usesColumn(CUSTOMER, Ident.of("last_name"))).isTrue();
        Dependant.Routine atomic = (Dependant.Routine) named(d, "function customer_email");
        assertThat(atomic.sqlBody()).isTrue();
        assertThat(atomic.usesColumn(CUSTOMER, Ident.of("email"))).isTrue();
        Dependant.Trigger lastUpdated = d.triggersOf(CUSTOMER, "BEFORE", "UPDATE").get(0);
        assertThat(lastUpdated.function()).isEqualTo(Ident.of("last_updated"));
        assertThat(lastUpdated.assigns()).containsExactly(Ident.of("last_update"));
        assertThat(d.writersOf(Ident.of("customer_audit"))).extracting(Dependant::describe)
                .containsExactly("trigger customer_audit on customer");
        assertThat(d.generated()).singleElement().satisfies(g -> {
            assertThat(g.describe()).isEqualTo("generated column payment.amount_cents");
            assertThat(g.usesColumn(Ident.of("payment"), Ident.of("amount"))).isTrue();
        });
        assertThat(d.onUpdate()).isEmpty();
    }

    /** mariadb.sql as written (DELIMITER ;;), and mariadb-dump 10.11's output of it (placeholder views first). */
    @ParameterizedTest
    @ValueSource(strings = {"mariadb.sql", "mariadb-dump.sql"})
    void readsMariaDbDdl(String resource) throws Exception {
        Schema s = read("mariadb:10.11", resource);
        Dependants d = s.dependants();
        assertThat(s.tables()).extracting(t -> t.name().name())
                .containsExactlyInAnyOrder("store", "customer", "customer_text");
        assertThat(d.views()).extracting(Dependant::describe).containsExactlyInAnyOrder("view customer_list",
                "view active_emails");
        assertThat(named(d, "view customer_list").usesColumn(CUSTOMER, Ident.of("first_name"))).isTrue();
        assertThat(named(d, "view active_emails").usesColumn(CUSTOMER, Ident.of("email"))).isTrue();
        assertThat(named(d, "function customer_name").usesColumn(CUSTOMER, Ident.of("first_name"))).isTrue();
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
