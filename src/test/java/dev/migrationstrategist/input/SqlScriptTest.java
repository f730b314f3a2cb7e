package dev.migrationstrategist.input;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqlScriptTest {

    @Test
    void psqlMetaCommandsAreNotPartOfTheNextStatement() {
        List<SqlScript.Statement> st = SqlScript.split("\\restrict abc123\n\nSET a = 1;\nCREATE TABLE t (a int);\n"
                + "\\unrestrict abc123\n");
        assertThat(st).extracting(SqlScript.Statement::sql).containsExactly("SET a = 1", "CREATE TABLE t (a int)");
        assertThat(st.get(1).line()).isEqualTo(4);
    }

    @Test
    void mysqlExecutableCommentsBecomeSqlAndKeepTheirColumns() {
        List<SqlScript.Statement> st = SqlScript.split("/*M!999999\\- enable the sandbox mode */ \n"
                + "/*!40101 SET NAMES utf8mb4 */;\n"
                + "CREATE TABLE t (a int) /*!50100 PARTITION BY HASH (a) */;\n", true);
        assertThat(st).extracting(SqlScript.Statement::sql).containsExactly("SET NAMES utf8mb4",
                "CREATE TABLE t (a int)          PARTITION BY HASH (a)");
        assertThat(st.get(0).line()).isEqualTo(2);
        assertThat(st.get(0).column()).isEqualTo(10);
    }

    @Test
    void dollarQuotedBodiesAndQuotedSemicolonsDoNotSplit() {
        List<SqlScript.Statement> st = SqlScript.split("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$;\n"
                + "COMMENT ON TABLE t IS 'a; b';");
        assertThat(st).hasSize(2);
    }

    @Test
    void positionsInsideAStatement() {
        SqlScript.Statement st = SqlScript.split("\n  CREATE TABLE t (\n  a int\n);").get(0);
        assertThat(st.position(0)).hasToString("2:3");
        assertThat(st.position(st.sql().indexOf('a', 16))).hasToString("3:3");
    }

    @Test
    void aStatementKeepsItsCommentsQuotesAndLayoutAcrossDelimiterChanges() {
        String script = "-- header\n\n  CREATE TABLE t ( -- why; not\n  a int /* a; b */, b text DEFAULT E'x\\';y'\n)"
                + " ;\nDELIMITER $$\nCREATE TRIGGER g BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END$$\n"
                + "DELIMITER ;\nINSERT INTO t VALUES (1, /*!50001 'v' */ 'w');\n   \nDROP TABLE t";
        List<SqlScript.Statement> st = SqlScript.split(script, true);
        assertThat(st).extracting(SqlScript.Statement::sql).containsExactly(
                "CREATE TABLE t ( -- why; not\n  a int /* a; b */, b text DEFAULT E'x\\';y'\n)",
                "CREATE TRIGGER g BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END",
                "INSERT INTO t VALUES (1,          'v'    'w')",
                "DROP TABLE t");
        assertThat(st).extracting(SqlScript.Statement::line).containsExactly(3, 7, 9, 11);
        assertThat(st.get(0).column()).isEqualTo(3);
    }
}
