package dev.migrationstrategist.schema;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Schema#table} finds tables through an index ({@link Tables}) and must find exactly what a linear search
 * found: the first table of the exact schema and name, else the one table of that schema whose name is the same
 * case-insensitively ({@link Ident#sameAs}, {@link String#equalsIgnoreCase}), none when several are.
 */
class SchemaLookupTest {

    private static Table table(String name) {
        return new Table(Ident.of(name), List.of(), List.of(), List.of());
    }

    /** The lookup as it was, a linear search, for comparison. */
    private static Table linear(List<Table> tables, Ident name) {
        List<Table> folded = tables.stream().filter(t -> t.name().sameAs(name)).toList();
        return tables.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElse(folded.size() == 1 ? folded.get(0) : null);
    }

    @Test
    void exactNameFirstThenTheOnlyCaseInsensitiveMatch() {
        Table upper = table("Users");
        Table lower = table("users");
        Table shouting = table("USERS");
        Schema s = Schema.of(upper, lower, shouting, table("orders"));
        assertThat(s.table(Ident.of("users")).orElseThrow()).isSameAs(lower);
        assertThat(s.table(Ident.of("USERS")).orElseThrow()).isSameAs(shouting);
        assertThat(s.table(Ident.of("Users")).orElseThrow()).isSameAs(upper);
        assertThat(s.table(Ident.of("uSeRs"))).as("three tables differ only in case: none is guessed").isEmpty();
        assertThat(s.table(Ident.of("ORDERS")).orElseThrow().name().name()).isEqualTo("orders");
        assertThat(s.table(Ident.of("order"))).isEmpty();
        assertThat(s.hasTable(Ident.of("Orders"))).isTrue();
    }

    @Test
    void aSchemaQualifiedNameIsAnotherTable() {
        Table sales = new Table(Ident.qualified("sales", "Orders"), List.of(), List.of(), List.of());
        Table plain = table("orders");
        Schema s = Schema.of(sales, plain);
        assertThat(s.table(Ident.of("orders")).orElseThrow()).isSameAs(plain);
        assertThat(s.table(Ident.of("Orders")).orElseThrow()).as("the one orders of the current schema")
                .isSameAs(plain);
        assertThat(s.table(Ident.qualified("sales", "Orders")).orElseThrow()).isSameAs(sales);
        assertThat(s.table(Ident.qualified("sales", "orders")).orElseThrow()).isSameAs(sales);
        assertThat(s.table(Ident.qualified("public", "orders"))).isEmpty();
        Schema renamed = s.replaceTable(Ident.qualified("sales", "Orders"), sales.withName(Ident.qualified("sales",
                "Orders2")));
        assertThat(renamed.tables()).extracting(t -> t.name().toString()).containsExactly("sales.Orders2", "orders");
        assertThat(s.withoutTable(Ident.of("orders")).tables()).containsExactly(sales);
        assertThat(s.withTable(plain.withColumn(Column.nullable("x", "int"))).tables().get(0)).isSameAs(sales);
    }

    @Test
    void agreesWithALinearSearchOnNamesBeyondAscii() {
        // equalsIgnoreCase folds each character upper then lower case: dotless i, sharp s, the Kelvin sign, Greek
        List<String> names = List.of("i", "I", "ı", "İ", "ß", "SS", "k", "K", "\u212A", "σ", "Σ", "ς", "µ", "Μ",
                "ÿ", "Ÿ", "straße", "STRASSE", "Ärger", "ärger", "\uD801\uDC00", "\uD801\uDC28", "Ǆ", "ǅ", "ǆ");
        List<Table> tables = new ArrayList<>();
        names.forEach(n -> tables.add(table(n)));
        Schema s = new Schema(tables, List.of());
        for (String probe : names) {
            for (String variant : List.of(probe, probe.toUpperCase(), probe.toLowerCase())) {
                Ident name = Ident.of(variant);
                assertThat(s.table(name).orElse(null)).as(variant).isSameAs(linear(tables, name));
            }
        }
    }

    @Test
    void theTableListIsAnOrdinaryImmutableList() {
        List<Table> plain = List.of(table("a"), table("b"));
        Schema s = new Schema(plain, List.of());
        assertThat(s.tables()).isEqualTo(plain).hasSameHashCodeAs(plain);
        assertThat(s.tables().toString()).isEqualTo(plain.toString());
        assertThat(s).isEqualTo(new Schema(new ArrayList<>(plain), List.of()));
        assertThatThrownBy(() -> s.tables().add(table("c"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new Schema(java.util.Arrays.asList(table("a"), null), List.of()))
                .isInstanceOf(NullPointerException.class);
        Schema grown = s.withTable(table("c")).withTable(table("A"));
        assertThat(grown.tables()).extracting(t -> t.name().name()).containsExactly("A", "b", "c");
        assertThat(grown.table(Ident.of("a")).orElseThrow().name().name()).isEqualTo("A");
        assertThat(grown.withoutTable(Ident.of("b")).table(Ident.of("b"))).isEmpty();
    }
}
