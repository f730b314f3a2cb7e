package dev.migrationstrategist.input;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.migrationstrategist.input.SchemaAssertions.check;
import static dev.migrationstrategist.input.SchemaAssertions.column;
import static dev.migrationstrategist.input.SchemaAssertions.foreignKey;
import static dev.migrationstrategist.input.SchemaAssertions.index;
import static dev.migrationstrategist.input.SchemaAssertions.primaryKey;
import static dev.migrationstrategist.input.SchemaAssertions.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaReaderTest {

    private static Schema pg(String ddl) {
        return new SchemaReader(Dialects.parse("postgresql:15")).read(ddl, "schema.sql");
    }

    private static Schema mysql(String ddl) {
        return new SchemaReader(Dialects.parse("mysql:8.0")).read(ddl, "schema.sql");
    }

    @Test
    void anUnparsableStatementNamesItsOwnLineAndColumn() {
        String ddl = """
                -- line 1
                CREATE TABLE a (id bigint PRIMARY KEY);

                CREATE TABLE b (
                    id bigint,
                    -- the next line has an error mid-line
                    name varchar(20) NOT NULL CHECK name <> '',
                    note text
                );
                """;
        assertThatThrownBy(() -> pg(ddl)).isInstanceOf(StrategistException.class)
                .hasMessage("schema.sql:7:37: cannot parse SQL; unexpected \"name\" in: CREATE TABLE b (");
    }

    @Test
    void anErrorInAHandReadCreateIndexNamesItsLineAndColumn() {
        String ddl = "CREATE TABLE t (a int);\n\n  CREATE INDEX i ON t (a) WHERE a > 0;\n";
        String broken = "CREATE TABLE t (a int);\n\n  CREATE INDEX i ONN t (a);\n";
        assertThat(table(pg(ddl), "t").indexes()).hasSize(1);
        assertThatThrownBy(() -> pg(broken)).isInstanceOf(StrategistException.class)
                .hasMessage("schema.sql:3:18: cannot parse SQL; unexpected \"ONN\" in: CREATE INDEX i ONN t (a)");
    }

    @Test
    void anErrorInOneAlterTableOperationPointsIntoTheFile() {
        String ddl = "CREATE TABLE t (a int);\nALTER TABLE ONLY t\n    ADD CONSTRAINT t_pk PRIMARY KEY (a) BOGUS;\n";
        assertThatThrownBy(() -> pg(ddl)).isInstanceOf(StrategistException.class)
                .hasMessageStartingWith("schema.sql:3:41: cannot parse SQL; unexpected \"BOGUS\"");
    }

    @Test
    void jsqlParserGapsThatTheHandWrittenReadersCover() {
        // Each of these is what pg_dump writes; JSqlParser 5.3 rejects it, so SchemaReader reads it by hand.
        for (String sql : List.of(
                "CREATE TYPE public.mood AS ENUM ('sad', 'ok')",
                "CREATE INDEX i ON t USING btree (a) WHERE a > 0",
                "CREATE INDEX i ON public.t USING btree (lower((name)::text))",
                "ALTER TABLE ONLY t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u(id) NOT VALID",
                "ALTER TABLE t ADD CONSTRAINT c CHECK ((a > 0)) NOT VALID")) {
            assertThatThrownBy(() -> CCJSqlParserUtil.parse(sql)).as(sql).isInstanceOf(JSQLParserException.class);
        }
        // ... and it re-renders what it does parse: a default's nextval becomes NextVal
        assertThat(assertParses("CREATE TABLE t (a integer DEFAULT nextval('s'::regclass))"))
                .contains("NextVal(");
        Schema schema = pg("""
                CREATE TYPE public.mood AS ENUM ('sad', 'it''s ok');
                CREATE TABLE public.t (a integer DEFAULT nextval('s'::regclass), name text, m public.mood);
                CREATE TABLE u (id int PRIMARY KEY);
                CREATE INDEX i ON t USING btree (a) WHERE a > 0;
                CREATE INDEX j ON public.t USING btree (lower((name)::text));
                ALTER TABLE ONLY t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u(id) NOT VALID;
                ALTER TABLE t ADD CONSTRAINT c CHECK ((a > 0)) NOT VALID;
                """);
        assertThat(schema.enums().get(0).values()).containsExactly("sad", "it's ok");
        Table t = table(schema, "t");
        column(t, "a", "integer", true, "nextval('s'::regclass)");
        index(t, "i", false, null, "a > 0", "a");
        index(t, "j", false, null, null, "name");
        foreignKey(t, "f", List.of("a"), "u", List.of("id"), null, null, false);
        check(t, "c", "a > 0", false, "a");
    }

    private static String assertParses(String sql) {
        try {
            return CCJSqlParserUtil.parse(sql).toString();
        } catch (JSQLParserException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void alterColumnSetsAndDropsDefaultsAndNullabilityAndValidateMarksValid() {
        Table t = table(pg("""
                CREATE TABLE t (id integer NOT NULL, a text DEFAULT 'x', b text, c int);
                ALTER TABLE ONLY t ALTER COLUMN id SET DEFAULT nextval('t_id_seq'::regclass);
                ALTER TABLE t ALTER COLUMN a DROP DEFAULT, ALTER b SET NOT NULL, ADD COLUMN d numeric(5, 1) DEFAULT 0;
                ALTER TABLE t ALTER COLUMN c TYPE bigint USING c::bigint;
                ALTER TABLE t ADD CONSTRAINT c_pos CHECK (c > 0) NOT VALID;
                ALTER TABLE t VALIDATE CONSTRAINT c_pos;
                ALTER TABLE t OWNER TO someone;
                ALTER TABLE t ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME t_seq);
                """), "t");
        column(t, "id", "integer", false, "nextval('t_id_seq'::regclass)");
        column(t, "a", "text", true, null);
        column(t, "b", "text", false, null);
        column(t, "c", "bigint", true, null);
        column(t, "d", "numeric(5, 1)", true, "0");
        check(t, "c_pos", "c > 0", true, "c");
    }

    @Test
    void inlineColumnConstraintsOfAHandWrittenSchema() {
        Schema schema = pg("""
                CREATE TABLE u (id bigserial PRIMARY KEY, email VARCHAR(255) NOT NULL UNIQUE);
                CREATE TABLE t (
                    id int, u_id bigint REFERENCES u (id) ON DELETE CASCADE,
                    n int CONSTRAINT n_pos CHECK (n > 0),
                    PRIMARY KEY (id)
                );
                """);
        Table u = table(schema, "u");
        column(u, "id", "bigserial", false, null);
        column(u, "email", "VARCHAR(255)", false, null);
        Table t = table(schema, "t");
        column(t, "id", "int", false, null); // a primary key column is NOT NULL
        primaryKey(t, null, "id");
        foreignKey(t, null, List.of("u_id"), "u", List.of("id"), "CASCADE", null, true);
        check(t, "n_pos", "n > 0", true, "n");
    }

    @Test
    void alterTableOfAnUnknownTableOrAnUnreadOperationIsAnError() {
        assertThatThrownBy(() -> pg("CREATE TABLE t (a int);\nALTER TABLE x ADD COLUMN b int;"))
                .hasMessage("schema.sql:2:15: ALTER TABLE on unknown table x");
        assertThatThrownBy(() -> pg("CREATE TABLE t (a int);\nALTER TABLE t DROP COLUMN a;"))
                .hasMessageStartingWith("schema.sql:2:15: ALTER TABLE ... DROP is not read from a schema file");
    }

    @Test
    void mysqlAddKeyAndExecutableCommentsAndTableOptions() {
        Schema schema = mysql("""
                /*!40101 SET NAMES utf8mb4 */;
                DROP TABLE IF EXISTS `t`;
                CREATE TABLE `t` (
                  `id` int unsigned NOT NULL AUTO_INCREMENT,
                  `a` varchar(10) CHARACTER SET ascii DEFAULT 'x;y',
                  PRIMARY KEY (`id`)
                ) ENGINE=InnoDB /*!50100 PARTITION BY HASH (`id`) PARTITIONS 2 */;
                LOCK TABLES `t` WRITE;
                /*!40000 ALTER TABLE `t` DISABLE KEYS */;
                /*!40000 ALTER TABLE `t` ENABLE KEYS */;
                UNLOCK TABLES;
                ALTER TABLE `t` ADD UNIQUE KEY `uq_a` (`a`), ADD FULLTEXT KEY `ft_a` (`a`);
                CREATE TABLE `p` (`x` int NOT NULL);
                ALTER TABLE `p` ADD PRIMARY KEY (`x`);
                """);
        Table t = table(schema, "t");
        column(t, "id", "int unsigned", false, null);
        column(t, "a", "varchar(10)", true, "'x;y'");
        index(t, "uq_a", true, null, null, "a");
        index(t, "ft_a", false, "fulltext", null, "a");
        primaryKey(table(schema, "p"), null, "x");
    }
}
