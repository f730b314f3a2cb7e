package dev.migrationstrategist.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogNormalizerTest {

    @ParameterizedTest(name = "{0} and {1} are the same type")
    @CsvSource(delimiter = '|', value = {
            "VARCHAR(255)|character varying(255)",
            "BIGINT|bigint(20)",
            "INTEGER|int(11)",
            "int4|INT",
            "TIMESTAMP|timestamp without time zone",
            "timestamptz|timestamp with time zone",
            "TIMESTAMP(3) WITH TIME ZONE|timestamptz(3)",
            "DECIMAL(10, 2)|numeric(10,2)",
            "BOOLEAN|bool",
            "double precision|DOUBLE",
            "text[]|TEXT[]",
            "bigint unsigned|bigint(20) unsigned",
            "CHARACTER(3)|char(3)"})
    void equalTypes(String a, String b) {
        assertThat(CatalogNormalizer.type(a)).isEqualTo(CatalogNormalizer.type(b));
    }

    @ParameterizedTest(name = "{0} and {1} differ")
    @CsvSource(delimiter = '|', value = {
            "VARCHAR(255)|varchar(100)",
            "tinyint(1)|tinyint",
            "timestamp|timestamptz",
            "int|bigint",
            "numeric(10,2)|numeric(10,3)"})
    void differentTypes(String a, String b) {
        assertThat(CatalogNormalizer.type(a)).isNotEqualTo(CatalogNormalizer.type(b));
    }

    @Test
    void defaultsAreComparedWithoutCastsOrSpelling() {
        assertThat(CatalogNormalizer.defaultExpression("'anon'::character varying")).isEqualTo("'anon'");
        assertThat(CatalogNormalizer.defaultExpression("'anon'")).isEqualTo("'anon'");
        assertThat(CatalogNormalizer.defaultExpression("(0)::numeric")).isEqualTo("0");
        assertThat(CatalogNormalizer.defaultExpression("nextval('app.users_id_seq'::regclass)"))
                .isEqualTo(CatalogNormalizer.defaultExpression("nextval('users_id_seq'::regclass)"))
                .isEqualTo("nextval('users_id_seq')");
        assertThat(CatalogNormalizer.defaultExpression("nextval('\"a.b\".seq'::regclass)"))
                .isEqualTo("nextval('seq')");
        assertThat(CatalogNormalizer.defaultExpression("CURRENT_TIMESTAMP"))
                .isEqualTo(CatalogNormalizer.defaultExpression("current_timestamp()"));
        assertThat(CatalogNormalizer.defaultExpression("NULL")).isNull();
        assertThat(CatalogNormalizer.defaultExpression(null)).isNull();
        assertThat(CatalogNormalizer.defaultExpression("'Anon'")).isNotEqualTo("'anon'"); // literals keep case
    }
}
