package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Schema;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** Generated values fit their type, and a value reads back in one spelling whatever JDBC type carried it. */
class ValueTypeTest {
    private static ValueType type(String sql) {
        return ValueType.of(DataType.parse(sql), Schema.empty(), true);
    }

    @Test
    void valuesFitTheirType() {
        assertThat((String) type("varchar(5)").value(123_456, 7, false)).hasSizeLessThanOrEqualTo(5);
        assertThat((Long) type("smallint").value(99_999_999, 99, false)).isBetween(1L, 30_000L);
        assertThat((Long) type("tinyint(1)").value(99_999_999, 99, false)).isBetween(1L, 127L);
        BigDecimal d = (BigDecimal) type("numeric(4,2)").value(99_999, 3, false);
        assertThat(d.scale()).isEqualTo(2);
        assertThat(d.abs()).isLessThan(new BigDecimal("100"));
        assertThat(type("enum('a','b')").value(5, 1, false)).isIn("a", "b");
    }

    @Test
    void uniqueValuesFollowTheRowId() {
        assertThat(type("varchar(64)").value(42, 9, true)).isEqualTo("u42");
        assertThat(type("bigint").value(42, 9, true)).isEqualTo(42L);
        assertThat(type("varchar(8)").canBeUnique()).isFalse();
    }

    @Test
    void canonicalSpellingIgnoresScaleTrailingBlanksAndJsonSpaces() {
        assertThat(type("numeric(12,2)").canonical(new BigDecimal("1.50"))).isEqualTo("1.5");
        assertThat(type("int").canonical(7L)).isEqualTo(type("numeric").canonical(new BigDecimal("7.00")));
        assertThat(type("char(10)").canonical("ab        ")).isEqualTo("ab");
        assertThat(type("jsonb").canonical("{\"id\": 1, \"seq\": 2}")).isEqualTo("{\"id\":1,\"seq\":2}");
    }

    @Test
    void theNarrowestTypeHoldsValuesOfBoth() {
        ValueType n = type("varchar(255)").narrowest(type("varchar(20)"));
        assertThat(n.length()).isEqualTo(20);
        assertThat(type("bigint").narrowest(type("int")).maxInteger()).isEqualTo(2_147_483_647L);
    }

    @Test
    void unknownTypesAreNotGenerated() {
        assertThat(type("tsvector").supported()).isFalse();
        assertThat(type("int[]").supported()).isFalse();
    }
}
