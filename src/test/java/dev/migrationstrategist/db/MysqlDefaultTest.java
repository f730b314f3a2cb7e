package dev.migrationstrategist.db;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How information_schema's column_default becomes an SQL default on MariaDB and on MySQL 8. */
class MysqlDefaultTest {

    @Test
    void mariadbReportsNoDefaultAsTheWordNullAndQuotesItsLiterals() {
        assertThat(CatalogReader.mysqlDefault("NULL", "", "varchar(255)", true)).isNull();
        assertThat(CatalogReader.mysqlDefault(null, "", "varchar(255)", true)).isNull();
        assertThat(CatalogReader.mysqlDefault("'abc'", "", "varchar(255)", true)).isEqualTo("'abc'");
        assertThat(CatalogReader.mysqlDefault("current_timestamp()", "", "datetime", true))
                .isEqualTo("current_timestamp()");
        assertThat(CatalogReader.mysqlDefault("0", "", "int(11)", true)).isEqualTo("0");
    }

    @Test
    void mysqlReportsLiteralsUnquotedAndMarksExpressions() {
        assertThat(CatalogReader.mysqlDefault(null, "", "varchar(255)", false)).isNull();
        assertThat(CatalogReader.mysqlDefault("abc", "", "varchar(255)", false)).isEqualTo("'abc'");
        assertThat(CatalogReader.mysqlDefault("it's", "", "text", false)).isEqualTo("'it''s'");
        assertThat(CatalogReader.mysqlDefault("12.50", "", "decimal(10,2)", false)).isEqualTo("12.50");
        assertThat(CatalogReader.mysqlDefault("CURRENT_TIMESTAMP", "DEFAULT_GENERATED", "timestamp", false))
                .isEqualTo("CURRENT_TIMESTAMP");
        assertThat(CatalogReader.mysqlDefault("uuid()", "DEFAULT_GENERATED", "char(36)", false)).isEqualTo("(uuid())");
    }
}
