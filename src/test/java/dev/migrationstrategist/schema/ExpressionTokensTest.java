package dev.migrationstrategist.schema;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExpressionTokensTest {
    private static final Ident NAME = Ident.of("name");
    private static final Ident FULL = Ident.of("full_name");

    @Test
    void renamesOnlyTheTokensThatNameTheColumn() {
        assertThat(rename("lower((name)::text)")).isEqualTo("lower((full_name)::text)");
        assertThat(rename("(name)::text <> 'name'::text AND name(x) IS NULL"))
                .isEqualTo("(full_name)::text <> 'name'::text AND name(x) IS NULL");
        assertThat(rename("\"name\" || E'it\\'s name' || $q$name$q$ || x.name || name.x /* name */"))
                .isEqualTo("full_name || E'it\\'s name' || $q$name$q$ || x.name || name.x /* name */");
        assertThat(rename("(name COLLATE \"name\")")).isEqualTo("(full_name COLLATE \"name\")");
        assertThat(rename("(x)::character varying(10) = NAME")).isEqualTo("(x)::character varying(10) = full_name");
        assertThat(rename("a::timestamp with time zone BETWEEN name AND b")).isEqualTo(
                "a::timestamp with time zone BETWEEN full_name AND b");
        assertThat(rename("lower(`name`)")).isEqualTo("lower(full_name)");
        assertThat(ExpressionTokens.of("\"Name\" > 0").mentions(NAME)).isFalse(); // a quoted name is exact
    }

    @Test
    void findsTheColumnsOfATableThatAnExpressionUses() {
        assertThat(ExpressionTokens.of("coalesce(b, a) || lower(c) || 'a'").columnsIn(
                List.of(Ident.of("a"), Ident.of("b"), Ident.of("lower")))).containsExactly(Ident.of("b"), Ident.of("a"));
    }

    @Test
    void unwrapsOnlyParenthesesAroundTheWholeText() {
        assertThat(ExpressionTokens.unwrap("((a > 0))")).isEqualTo("a > 0");
        assertThat(ExpressionTokens.unwrap("(a > 0) AND (b > 0)")).isEqualTo("(a > 0) AND (b > 0)");
        assertThat(ExpressionTokens.unwrap("(x = ')')")).isEqualTo("x = ')'");
    }

    @Test
    void anIndexCoversAColumnItsExpressionIncludeOrPredicateUses() {
        Index index = new Index(Ident.of("i"), Ident.of("t"), List.of(Ident.of("email")), false, null,
                "(name)::text <> 'x'::text", true, List.of(), List.of(Ident.of("note")), false, List.of(), false);
        assertThat(index.covers(NAME)).isTrue();
        assertThat(index.covers(Ident.of("note"))).isTrue();
        assertThat(index.covers(Ident.of("x"))).isFalse();
        Index renamed = index.renameColumn(NAME, Ident.of("Full"));
        assertThat(renamed.where()).isEqualTo("(\"Full\")::text <> 'x'::text");
        assertThat(index.renameColumn(Ident.of("note"), FULL).include()).containsExactly(FULL);
    }

    private static String rename(String sql) {
        return ExpressionTokens.of(sql).rename(NAME, FULL.name());
    }
}
