package dev.migrationstrategist.schema;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Schema#table} finds tables through an index ({@link Tables}) and must find exactly what a linear search
 * found: the first table of the exact name, else the first whose name is the same case-insensitively
 * ({@link Ident#sameAs}, {@link String#equalsIgnoreCase}).
 */
class SchemaLookupTest {

    private static Table table(String name) {
        return new Table(Ident.of(name), List.of(), List.of(), List.of());
    }

    /** The lookup as it was, a linear search, for comparison. */
    private static Table linear(List<Table> tables, Ident name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst()
                .or(() -> tables.stream().filter(t -> t.name().sameAs(name)).findFirst()).orElse(null);
    }

    @Test
    void exactNameFirstThenTheFirstCaseInsensitiveMatch() {
        Table upper = table("Users");
        Table lower = table("users");
        Table shouting = table("USERS");
        Schema s = Schema.of(upper, lower, shouting, table("orders"));
        assertThat(s.table(Ident.of("users")).orElseThrow()).isSameAs(lower);
        assertThat(s.table(Ident.of("USERS")).orElseThrow()).isSameAs(shouting);
        assertThat(s.table(Ident.of("uSeRs")).orElseThrow()).isSameAs(upper);
        assertThat(s.table(Ident.of("ORDERS")).orElseThrow().name().name()).isEqualTo("orders");
        assertThat(s.table(Ident.of("order"))).isEmpty();
        assertThat(s.hasTable(Ident.of("Orders"))).isTrue();
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
