package dev.migrationstrategist.schema;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataTypeTest {

    private static String canonical(String type) {
        return DataType.parse(type).canonical();
    }

    private static boolean same(String a, String b) {
        return DataType.parse(a).sameTypeAs(DataType.parse(b));
    }

    @Test
    void rendersTheTypeAsWrittenAndComparesItsSpellings() {
        DataType t = DataType.parse("VARCHAR(255)");
        assertThat(t.sql()).isEqualTo("VARCHAR(255)");
        assertThat(t.canonical()).isEqualTo("character varying(255)");
        assertThat(same("character varying(255)", "varchar(255)")).isTrue();
        assertThat(same("varchar(255)", "varchar(100)")).isFalse();
    }

    @Test
    void integerSpellingsAndDisplayWidths() {
        assertThat(canonical("int4")).isEqualTo("integer");
        assertThat(canonical("INT")).isEqualTo("integer");
        assertThat(canonical("integer")).isEqualTo("integer");
        assertThat(canonical("int(11)")).isEqualTo("integer");
        assertThat(canonical("bigint(20) unsigned")).isEqualTo("bigint unsigned");
        assertThat(canonical("int unsigned")).isEqualTo("integer unsigned");
        assertThat(canonical("tinyint(1)")).isEqualTo("tinyint");
        assertThat(canonical("int8")).isEqualTo("bigint");
        assertThat(canonical("bigserial")).isEqualTo("bigint");
        assertThat(same("int(10) unsigned", "int")).isFalse();
        assertThat(same("int(10) unsigned zerofill", "int unsigned")).isFalse();
        assertThat(same("int signed", "int")).isTrue();
    }

    @Test
    void timestampsNumericsAndOthers() {
        assertThat(same("timestamp with time zone", "timestamptz")).isTrue();
        assertThat(same("timestamp without time zone", "timestamp")).isTrue();
        assertThat(same("timestamp with time zone", "timestamp")).isFalse();
        assertThat(canonical("timestamp(3) with time zone")).isEqualTo("timestamp(3) with time zone");
        assertThat(canonical("timestamptz(3)")).isEqualTo("timestamp(3) with time zone");
        assertThat(canonical("timestamp(6) without time zone")).isEqualTo("timestamp(6)");
        assertThat(same("numeric(12, 2)", "DECIMAL(12,2)")).isTrue();
        assertThat(same("numeric(12,2)", "numeric(12,3)")).isFalse();
        assertThat(same("bool", "boolean")).isTrue();
        assertThat(same("float8", "double precision")).isTrue();
        assertThat(same("char(2)", "character(2)")).isTrue();
        assertThat(canonical("text[]")).isEqualTo("text[]");
        assertThat(same("text[]", "text")).isFalse();
        assertThat(canonical("public.order_status")).isEqualTo("order_status");
        assertThat(canonical("public.\"Mood\"")).isEqualTo("Mood");
        assertThat(canonical("ENUM('a', 'b')")).isEqualTo("enum('a','b')");
        assertThat(same("enum('a','b')", "enum('b','a')")).isFalse();
    }

    @Test
    void rejectsTextThatIsNotAType() {
        assertThatThrownBy(() -> DataType.parse("int; DROP TABLE users"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a column type");
        assertThatThrownBy(() -> DataType.parse("public.\"x\"\"y\""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
