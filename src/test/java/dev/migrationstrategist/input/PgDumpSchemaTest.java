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
import static dev.migrationstrategist.input.SchemaAssertions.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the committed {@code pg_dump --schema-only} output of PostgreSQL 15 ({@code dumps/postgres-schema-only.sql},
 * made from {@code dumps/postgres-source.sql}; see {@code dumps/README.md}) and checks every table in detail.
 * {@link LiveDumpTest} checks that today's pg_dump still reads the same.
 */
class PgDumpSchemaTest {

    static Schema read(String dump) {
        return new SchemaReader(Dialects.parse("postgresql:15")).read(dump, "postgres-schema-only.sql");
    }

    @Test
    void readsTheCommittedPgDump() {
        assertPgDumpModel(read(resource("/dumps/postgres-schema-only.sql")));
    }

    /** The model of the example schema, whether it came from the committed dump or a fresh one. */
    static void assertPgDumpModel(Schema schema) {
        assertThat(schema.tables().stream().map(t -> t.name().name()).toList())
                .containsExactly("AuditLog", "customers", "order_items", "orders", "products");
        assertThat(schema.enums()).hasSize(1);
        assertThat(schema.enumType(Ident.of("order_status")).orElseThrow().values())
                .containsExactly("pending", "paid", "shipped", "cancelled");

        Table customers = table(schema, "customers");
        columnNames(customers, "id", "email", "full_name", "external_id", "created_at", "settings");
        // bigserial: pg_dump sets the default in a later ALTER TABLE ... ALTER COLUMN id SET DEFAULT
        column(customers, "id", "bigint", false, "nextval('public.customers_id_seq'::regclass)");
        column(customers, "email", "character varying(255)", false, null);
        column(customers, "full_name", "text", true, null);
        column(customers, "external_id", "uuid", false, "gen_random_uuid()");
        column(customers, "created_at", "timestamp with time zone", false, "now()");
        column(customers, "settings", "jsonb", false, "'{}'::jsonb");
        primaryKey(customers, "customers_pkey", "id");
        unique(customers, "customers_email_key", "email");
        counts(customers, 2, 0);

        Table products = table(schema, "products");
        columnNames(products, "id", "sku", "title", "price", "weight_kg", "tags", "active");
        column(products, "id", "integer", false, null); // identity: set by ALTER ... ADD GENERATED, not a default
        column(products, "sku", "character varying(32)", false, null);
        column(products, "price", "numeric(12,2)", false, "0");
        column(products, "weight_kg", "double precision", true, null);
        column(products, "tags", "text[]", true, "'{}'::text[]");
        column(products, "active", "boolean", false, "true");
        assertThat(products.column(Ident.of("tags")).orElseThrow().type().array()).isTrue();
        primaryKey(products, "products_pkey", "id");
        unique(products, "products_sku_key", "sku");
        check(products, "products_price_check", "price >= (0)::numeric", true, "price");
        counts(products, 3, 0);

        Table orders = table(schema, "orders");
        columnNames(orders, "id", "customer_id", "status", "invoice_no", "total", "placed_at", "note");
        column(orders, "id", "bigint", false, null);
        column(orders, "status", "public.order_status", false, "'pending'::public.order_status");
        column(orders, "invoice_no", "integer", true, "nextval('public.invoice_number_seq'::regclass)");
        column(orders, "total", "numeric(12,2)", false, null);
        column(orders, "placed_at", "timestamp with time zone", false, "CURRENT_TIMESTAMP");
        column(orders, "note", "character varying(500)", true, null);
        primaryKey(orders, "orders_pkey", "id");
        check(orders, "orders_total_check", "total >= (0)::numeric", false, "total");
        foreignKey(orders, "orders_customer_id_fkey", List.of("customer_id"), "customers", List.of("id"),
                "CASCADE", null, true);
        index(orders, "orders_customer_id_idx", false, null, null, "customer_id");
        index(orders, "orders_open_idx", false, null, "status = 'pending'::public.order_status", "placed_at");
        index(orders, "orders_invoice_no_key", true, null, null, "invoice_no");
        counts(orders, 3, 3);

        Table items = table(schema, "order_items");
        columnNames(items, "order_id", "line_no", "product_id", "quantity", "unit_price");
        column(items, "line_no", "smallint", false, null);
        column(items, "quantity", "integer", false, "1");
        column(items, "unit_price", "numeric(12,2)", false, null);
        primaryKey(items, "order_items_pkey", "order_id", "line_no");
        check(items, "order_items_quantity_check", "quantity > 0", true, "quantity");
        foreignKey(items, "order_items_order_id_fkey", List.of("order_id"), "orders", List.of("id"), "CASCADE",
                null, true);
        foreignKey(items, "order_items_product_id_fkey", List.of("product_id"), "products", List.of("id"), null,
                null, false);
        index(items, "order_items_product_qty_idx", false, null, null, "product_id", "quantity");
        counts(items, 4, 1);

        Table audit = table(schema, "AuditLog");
        columnNames(audit, "Id", "EventType", "payload", "at");
        column(audit, "Id", "integer", false, "nextval('public.\"AuditLog_Id_seq\"'::regclass)");
        column(audit, "EventType", "character varying(40)", false, null);
        column(audit, "payload", "json", true, null);
        column(audit, "at", "timestamp(3) without time zone", false, "now()");
        primaryKey(audit, "AuditLog_pkey", "Id");
        // an expression index: the model keeps the columns it reads, so a rename or drop of EventType sees it
        index(audit, "AuditLog_lower_event_idx", false, null, null, "EventType");
        index(audit, "auditlog_payload_idx", false, null, null, "EventType", "at");
        counts(audit, 1, 2);
    }

    @Test
    void viewsFunctionsSequencesAndCommentsShapeNoTable() {
        Schema schema = read(resource("/dumps/postgres-schema-only.sql"));
        assertThat(schema.hasTable(Ident.of("paid_orders"))).isFalse();
        assertThat(schema.hasTable(Ident.of("customers_id_seq"))).isFalse();
        assertThat(schema.hasTable(Ident.of("invoice_number_seq"))).isFalse();
    }
}
