package dev.migrationstrategist.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.report.JsonSchemaAssert;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every name form through reader, plan and rendered SQL: schema-qualified, quoted mixed case, two tables that differ
 * only in case or only in schema, a schema file's search_path, a dump of one schema, and the plan JSON.
 */
class QualifiedNamesTest {
    static final Dialect PG = Dialects.parse("postgresql:15");
    static final Dialect MARIADB = Dialects.parse("mariadb:10.11");
    static final String BOTH = "CREATE SCHEMA sales;\n"
            + "CREATE TABLE public.orders (id bigint PRIMARY KEY, customer_name text);\n"
            + "CREATE TABLE sales.\"Orders\" (id bigint PRIMARY KEY, customer_name text, total numeric);\n";

    @Test
    void sqlNamesAsTheCatalogStoresThem() {
        assertThat(Idents.fromSql("sales.\"Orders\"", PG)).isEqualTo(Ident.qualified("sales", "Orders"));
        assertThat(Idents.fromSql("Sales.Orders", PG)).as("unquoted parts fold").isEqualTo(Ident.qualified("sales",
                "orders"));
        assertThat(Idents.fromSql("public.orders", PG)).as("the current schema is the unqualified name")
                .isEqualTo(Ident.of("orders"));
        assertThat(Idents.fromSql("\"Orders\"", PG)).isEqualTo(Ident.of("Orders"));
        assertThat(Idents.fromSql("Orders", PG)).isEqualTo(Ident.of("orders"));
        assertThat(Idents.fromSql("\"a.b\".\"c\"\"d\"", PG)).isEqualTo(Ident.qualified("a.b", "c\"d"));
        assertThat(Idents.fromSql("orders", PG.inSchema("sales"))).isEqualTo(Ident.of("orders"));
        assertThat(Idents.fromSql("public.orders", PG.inSchema("sales"))).isEqualTo(Ident.qualified("public",
                "orders"));
        assertThat(Idents.fromSql("`shop`.`Orders`", MARIADB)).isEqualTo(Ident.qualified("shop", "Orders"));
        assertThat(Idents.fromSql("`shop`.`Orders`", MARIADB.inSchema("shop"))).isEqualTo(Ident.of("Orders"));
        assertThat(Idents.fromSql("Orders", MARIADB)).as("MySQL keeps the case").isEqualTo(Ident.of("Orders"));
    }

    @Test
    void theDialectQuotesEachPart() {
        assertThat(PG.quote(Ident.qualified("sales", "Orders"))).isEqualTo("sales.\"Orders\"");
        assertThat(PG.quote(Ident.qualified("Sales Dept", "orders"))).isEqualTo("\"Sales Dept\".orders");
        assertThat(PG.quote(Ident.of("orders"))).isEqualTo("orders");
        assertThat(MARIADB.quote(Ident.qualified("shop", "a`b"))).isEqualTo("shop.`a``b`");
    }

    @Test
    void aStateAWithTheSameNameInTwoSchemasKeepsBoth() {
        Schema s = new SchemaReader(PG).read(BOTH, "schema.sql");
        assertThat(s.tables()).extracting(t -> t.name().toString()).containsExactly("orders", "sales.Orders");
        assertThat(s.table(Ident.qualified("sales", "Orders")).orElseThrow().hasColumn(Ident.of("total"))).isTrue();
        assertThat(s.table(Ident.of("orders")).orElseThrow().hasColumn(Ident.of("total"))).isFalse();
    }

    @Test
    void aRenameOnTheQualifiedTableIsPlannedAndRenderedThere() {
        String md = plan(BOTH, "ALTER TABLE sales.\"Orders\" RENAME COLUMN customer_name TO client_name").markdown();
        assertThat(md).contains("ALTER TABLE sales.\"Orders\" ADD COLUMN client_name text;",
                "UPDATE sales.\"Orders\" SET client_name = customer_name", "ON sales.\"Orders\" FOR EACH ROW",
                "ALTER TABLE sales.\"Orders\" DROP COLUMN customer_name;");
        assertThat(md).doesNotContain("ALTER TABLE orders", "UPDATE orders");
        String plain = plan(BOTH, "ALTER TABLE orders RENAME COLUMN customer_name TO client_name").markdown();
        assertThat(plain).contains("ALTER TABLE orders ADD COLUMN client_name text;").doesNotContain("sales.");
    }

    @Test
    void twoTablesThatDifferOnlyInCaseAreBothReadAndNamedExactly() {
        String ddl = "CREATE TABLE \"Orders\" (id bigint PRIMARY KEY, a text);\n"
                + "CREATE TABLE orders (id bigint PRIMARY KEY, b text);\n";
        Schema s = new SchemaReader(PG).read(ddl, "schema.sql");
        assertThat(s.tables()).extracting(t -> t.name().name()).containsExactly("Orders", "orders");
        assertThat(plan(ddl, "ALTER TABLE \"Orders\" RENAME COLUMN a TO a2").markdown())
                .contains("ALTER TABLE \"Orders\" ADD COLUMN a2 text;");
        assertThat(plan(ddl, "ALTER TABLE Orders RENAME COLUMN b TO b2").markdown())
                .as("unquoted Orders is orders on PostgreSQL").contains("ALTER TABLE orders ADD COLUMN b2 text;");
        assertThatThrownBy(() -> plan(ddl, "ALTER TABLE orders RENAME COLUMN a TO a2"))
                .isInstanceOf(StrategistException.class).hasMessageContaining("unknown column orders.a");
        String mysql = "CREATE TABLE `Orders` (id bigint PRIMARY KEY, a text);\n"
                + "CREATE TABLE `orders` (id bigint PRIMARY KEY, b text);\n";
        assertThat(new SchemaReader(MARIADB).read(mysql, "schema.sql").tables()).hasSize(2);
        assertThat(Strategist.configure().dialect("mariadb:10.11").schemaSql(mysql).load()
                .planSql("ALTER TABLE Orders RENAME COLUMN a TO a2").markdown()).contains("ALTER TABLE Orders");
        assertThatThrownBy(() -> new SchemaReader(PG).read(ddl + "CREATE TABLE \"Orders\" (id int);", "s.sql"))
                .hasMessageContaining("table Orders is created twice");
    }

    @Test
    void aSchemaFilesSearchPathPlacesItsUnqualifiedTables() {
        String ddl = "CREATE TABLE orders (id bigint PRIMARY KEY);\n"
                + "SET search_path = sales, public;\n"
                + "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);\n"
                + "SELECT pg_catalog.set_config('search_path', '', false);\n"
                + "CREATE TABLE public.items (id bigint PRIMARY KEY);\n";
        Schema s = new SchemaReader(PG).read(ddl, "schema.sql");
        assertThat(s.tables()).extracting(t -> t.name().toString()).containsExactly("orders", "sales.orders",
                "items");
    }

    @Test
    void aDumpOfOneSchemaIsReadWithThatSchemaCurrent() {
        String dump = "SELECT pg_catalog.set_config('search_path', '', false);\n"
                + "CREATE TABLE app.orders (id bigint NOT NULL, note text);\n"
                + "ALTER TABLE ONLY app.orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id);\n";
        SchemaReader reader = new SchemaReader(PG);
        Schema s = reader.read(dump, "dump.sql");
        assertThat(s.tables()).extracting(t -> t.name().toString()).containsExactly("orders");
        assertThat(reader.currentSchema().currentSchema()).isEqualTo("app");
        assertThat(plan(dump, "ALTER TABLE app.orders RENAME COLUMN note TO memo").markdown())
                .contains("ALTER TABLE orders ADD COLUMN memo text;");
        assertThat(plan(dump, "ALTER TABLE orders RENAME COLUMN note TO memo").markdown())
                .contains("ALTER TABLE orders ADD COLUMN memo text;");
    }

    @Test
    void thePlanJsonRoundTripsASchemaQualifiedName() throws Exception {
        String json = plan(BOTH, "ALTER TABLE sales.\"Orders\" RENAME COLUMN customer_name TO client_name").json();
        JsonSchemaAssert.assertValid(json);
        JsonNode root = new ObjectMapper().readTree(json);
        assertThat(root.at("/changes/0/table/schema").asText()).isEqualTo("sales");
        assertThat(root.at("/changes/0/table/name").asText()).isEqualTo("Orders");
        ObjectMapper mapper = new ObjectMapper();
        Ident q = Ident.qualified("sales", "Orders");
        assertThat(mapper.readValue(mapper.writeValueAsString(q), Ident.class)).isEqualTo(q);
        assertThat(mapper.writeValueAsString(Ident.of("orders"))).isEqualTo("\"orders\"");
    }

    private static dev.migrationstrategist.api.PlanResult plan(String ddl, String sql) {
        return Strategist.configure().dialect("postgresql:15").schemaSql(ddl).load().planSql(sql);
    }
}
