package dev.migrationstrategist.input;

import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.migrationstrategist.input.SchemaAssertions.check;
import static dev.migrationstrategist.input.SchemaAssertions.column;
import static dev.migrationstrategist.input.SchemaAssertions.columnNames;
import static dev.migrationstrategist.input.SchemaAssertions.counts;
import static dev.migrationstrategist.input.SchemaAssertions.foreignKey;
import static dev.migrationstrategist.input.SchemaAssertions.index;
import static dev.migrationstrategist.input.SchemaAssertions.primaryKey;
import static dev.migrationstrategist.input.SchemaAssertions.resource;
import static dev.migrationstrategist.input.SchemaAssertions.table;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the committed {@code mariadb-dump --no-data} output of MariaDB 10.11 ({@code dumps/mariadb-no-data.sql},
 * made from {@code dumps/mariadb-source.sql}; see {@code dumps/README.md}) and checks every table in detail.
 */
class MysqlDumpSchemaTest {

    static Schema read(String dump) {
        return new SchemaReader(Dialects.parse("mariadb:10.11")).read(dump, "mariadb-no-data.sql");
    }

    @Test
    void readsTheCommittedMariadbDump() {
        assertMariadbDumpModel(read(resource("/dumps/mariadb-no-data.sql")));
    }

    static void assertMariadbDumpModel(Schema schema) {
        // the view's placeholder table is dropped and replaced by /*!50001 CREATE VIEW */: no table of its own
        assertThat(schema.tables().stream().map(t -> t.name().name()).toList())
                .containsExactly("Audit Log", "customers", "order_items", "orders", "products");

        Table customers = table(schema, "customers");
        columnNames(customers, "id", "email", "full_name", "country", "status", "created_at", "updated_at");
        column(customers, "id", "int(11) unsigned", false, null);
        column(customers, "email", "varchar(255)", false, null); // CHARACTER SET/COLLATE are not part of the type
        column(customers, "full_name", "varchar(200)", true, null); // DEFAULT NULL is no default
        column(customers, "country", "char(2)", false, "'NL'");
        column(customers, "status", "enum('active','blocked')", false, "'active'");
        column(customers, "created_at", "timestamp", false, "current_timestamp()");
        column(customers, "updated_at", "datetime", true, "current_timestamp()"); // ON UPDATE is not the default
        primaryKey(customers, null, "id");
        index(customers, "uq_customers_email", true, null, null, "email");
        index(customers, "idx_customers_country_status", false, null, null, "country", "status");
        counts(customers, 1, 2);

        Table products = table(schema, "products");
        columnNames(products, "id", "sku", "title", "description", "price", "stock", "is_active", "price_cents");
        column(products, "id", "bigint(20) unsigned", false, null);
        column(products, "description", "text", true, null);
        column(products, "price", "decimal(12,2)", false, "0.00");
        column(products, "stock", "smallint(6)", false, "0");
        column(products, "is_active", "tinyint(1)", false, "1");
        column(products, "price_cents", "int(11)", true, null); // generated: its expression is not a default
        primaryKey(products, null, "id");
        index(products, "uq_products_sku", true, null, null, "sku");
        index(products, "ft_products_title", false, "fulltext", null, "title", "description");
        check(products, "chk_products_price", "`price` >= 0", true, "price");
        counts(products, 2, 2);

        Table orders = table(schema, "orders");
        columnNames(orders, "id", "customer_id", "total", "placed_at", "note");
        column(orders, "customer_id", "int(11) unsigned", false, null);
        column(orders, "total", "decimal(12,2)", false, null);
        column(orders, "placed_at", "datetime(3)", false, "current_timestamp(3)");
        column(orders, "note", "varchar(500)", true, null);
        primaryKey(orders, null, "id");
        index(orders, "idx_orders_customer", false, null, null, "customer_id");
        foreignKey(orders, "fk_orders_customer", List.of("customer_id"), "customers", List.of("id"), "CASCADE",
                "CASCADE", true);
        counts(orders, 2, 1);

        Table items = table(schema, "order_items");
        columnNames(items, "order_id", "line_no", "product_id", "quantity");
        column(items, "line_no", "smallint(5) unsigned", false, null);
        column(items, "quantity", "int(11)", false, "1");
        primaryKey(items, null, "order_id", "line_no");
        index(items, "idx_items_product_qty", false, null, null, "product_id", "quantity");
        foreignKey(items, "fk_items_order", List.of("order_id"), "orders", List.of("id"), "CASCADE", null, true);
        foreignKey(items, "fk_items_product", List.of("product_id"), "products", List.of("id"), null, null, true);
        check(items, "chk_items_quantity", "`quantity` > 0", true, "quantity");
        counts(items, 4, 1);

        Table audit = table(schema, "Audit Log");
        columnNames(audit, "Event-Id", "Kind", "payload", "created");
        column(audit, "Event-Id", "int(11)", false, null);
        column(audit, "Kind", "varchar(40)", false, null);
        column(audit, "payload", "longtext", true, null);
        column(audit, "created", "timestamp(6)", false, "current_timestamp(6)");
        primaryKey(audit, null, "Event-Id");
        index(audit, "idx kind prefix", false, null, null, "Kind"); // prefix length (10) dropped
        counts(audit, 1, 1);
    }

    @Test
    void typesCompareAcrossDialectSpellings() {
        Schema schema = read(resource("/dumps/mariadb-no-data.sql"));
        Schema pg = PgDumpSchemaTest.read(resource("/dumps/postgres-schema-only.sql"));
        var myEmail = table(schema, "customers").column(Ident.of("email")).orElseThrow().type();
        var pgEmail = table(pg, "customers").column(Ident.of("email")).orElseThrow().type();
        assertThat(myEmail.sameTypeAs(pgEmail)).isTrue(); // varchar(255) == character varying(255)
        var myTotal = table(schema, "orders").column(Ident.of("total")).orElseThrow().type();
        var pgTotal = table(pg, "orders").column(Ident.of("total")).orElseThrow().type();
        assertThat(myTotal.sameTypeAs(pgTotal)).isTrue(); // decimal(12,2) == numeric(12,2)
        var myQuantity = table(schema, "order_items").column(Ident.of("quantity")).orElseThrow().type();
        var pgQuantity = table(pg, "order_items").column(Ident.of("quantity")).orElseThrow().type();
        assertThat(myQuantity.sameTypeAs(pgQuantity)).isTrue(); // int(11) == integer
        var myCustomerId = table(schema, "orders").column(Ident.of("customer_id")).orElseThrow().type();
        assertThat(myCustomerId.sameTypeAs(myQuantity)).isFalse(); // int(11) unsigned != int(11)
    }
}
