package dev.migrationstrategist.input;

import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.AddDomainCheck;
import dev.migrationstrategist.change.DropDomainCheck;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.DomainType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PostgreSQL domains: State A from DDL and pg_dump, the add_domain_check change from SQL and phrases, refusals. */
class DomainStatementsTest {
    /** What pg_dump 15 writes for a domain with two checks and a NOT VALID one added later (copied verbatim). */
    static final String PG_DUMP = "CREATE DOMAIN dumpdom.qty AS numeric(10,2) NOT NULL DEFAULT 1\n"
            + "\tCONSTRAINT qty_check CHECK ((VALUE <> (5)::numeric))\n"
            + "\tCONSTRAINT qty_small CHECK ((VALUE < (100)::numeric));\n"
            + "ALTER DOMAIN dumpdom.qty OWNER TO postgres;\n"
            + "CREATE TABLE dumpdom.t (\n    id integer,\n    q dumpdom.qty\n);\n"
            + "ALTER TABLE dumpdom.t OWNER TO postgres;\n"
            + "ALTER DOMAIN dumpdom.qty\n    ADD CONSTRAINT qty_pos CHECK ((VALUE > (0)::numeric)) NOT VALID;\n";
    static final String SCHEMA = "CREATE DOMAIN quantity AS integer;\n"
            + "CREATE TABLE orders (id bigint PRIMARY KEY, quantity quantity);\n"
            + "CREATE TABLE order_lines (id bigint PRIMARY KEY, quantity quantity NOT NULL, note text);";

    private static Schema read(String ddl) {
        return new SchemaReader(Dialects.parse("postgresql:15")).read(ddl, "schema.sql");
    }

    @Test
    void schemaReaderReadsWhatPgDumpWritesForADomain() {
        Schema s = read(PG_DUMP);
        assertThat(s.domains()).containsExactly(new DomainType(Ident.of("qty"), DataType.parse("numeric(10,2)"), true,
                "1", List.of(new DomainType.Check(Ident.of("qty_check"), "(VALUE <> (5)::numeric)", true),
                new DomainType.Check(Ident.of("qty_small"), "(VALUE < (100)::numeric)", true),
                new DomainType.Check(Ident.of("qty_pos"), "(VALUE > (0)::numeric)", false))));
        assertThat(s.columnsOfDomain(Ident.of("qty"))).extracting(e -> e.getKey().name().name() + "."
                + e.getValue().name().name()).containsExactly("t.q");
    }

    @Test
    void createDomainByHandWithUnnamedCheckGetsPostgresDefaultName() {
        Schema s = read("CREATE DOMAIN Email AS character varying(200) COLLATE \"C\" CHECK (VALUE LIKE '%@%') NULL;");
        DomainType d = s.domain(Ident.of("email")).orElseThrow();
        assertThat(d.base()).isEqualTo(DataType.parse("character varying(200)"));
        assertThat(d.notNull()).isFalse();
        assertThat(d.defaultExpression()).isNull();
        assertThat(d.checks()).containsExactly(new DomainType.Check(Ident.of("email_check"), "VALUE LIKE '%@%'",
                true));
        assertThatThrownBy(() -> read("ALTER DOMAIN nope ADD CONSTRAINT c CHECK (VALUE > 0);"))
                .hasMessageContaining("schema.sql:1:1").hasMessageContaining("domain nope is altered before it is");
    }

    @Test
    void jsqlParserCannotParseAlterDomainSoItIsReadByHand() throws JSQLParserException {
        String sql = "ALTER DOMAIN quantity ADD CONSTRAINT quantity_positive CHECK (VALUE > 0) NOT VALID";
        // JSqlParser 5.3 gives no structure for either: only an UnsupportedStatement wrapping the text
        assertThat(CCJSqlParserUtil.parse(sql)).isInstanceOf(UnsupportedStatement.class);
        assertThat(CCJSqlParserUtil.parse("CREATE DOMAIN quantity AS integer CHECK (VALUE > 0)"))
                .isInstanceOf(UnsupportedStatement.class);
        List<ChangeRequest> read = new SqlChangeReader(Dialects.parse("postgresql:15")).read(sql + ";\n"
                + "ALTER DOMAIN \"Quantity\" ADD CONSTRAINT big CHECK (value < 10);", "change.sql");
        assertThat(read).extracting(ChangeRequest::change).containsExactly(
                new AddDomainCheck(Ident.of("quantity"), Ident.of("quantity_positive"), "VALUE > 0", true),
                new AddDomainCheck(Ident.of("Quantity"), Ident.of("big"), "value < 10", false));
        assertThat(read.get(1).origin()).isEqualTo("change.sql:2:1");
    }

    @Test
    void otherAlterDomainFormsAndUnnamedChecksAreRefusedWithOneLine() {
        SqlChangeReader r = new SqlChangeReader(Dialects.parse("postgresql:15"));
        assertThatThrownBy(() -> r.read("ALTER DOMAIN quantity SET DEFAULT 0;", "x.sql"))
                .isInstanceOf(StrategistException.class).hasMessageStartingWith("x.sql:1:1: of ALTER DOMAIN")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> r.read("ALTER DOMAIN quantity ADD CHECK (VALUE > 0);", "x.sql"))
                .hasMessageContaining("name the domain check");
        assertThatThrownBy(() -> r.read("ALTER DOMAIN quantity ADD CONSTRAINT c CHECK (VALUE >);", "x.sql"))
                .hasMessageContaining("not an expression this version can read");
    }

    @Test
    void phraseNamesTheCheckAndTheDomain() {
        PhraseReader p = new PhraseReader(Dialects.parse("postgresql:15"));
        assertThat(p.read("add check quantity_positive on domain quantity (VALUE > 0)").change())
                .isEqualTo(new AddDomainCheck(Ident.of("quantity"), Ident.of("quantity_positive"), "VALUE > 0"));
        assertThat(p.read("add constraint \"Pos\" to domain Quantity (value between 1 and 10)").change())
                .isEqualTo(new AddDomainCheck(Ident.of("quantity"), Ident.of("Pos"), "value BETWEEN 1 AND 10"));
        assertThat(PhraseReader.GRAMMAR).contains("add check NAME on domain NAME (EXPRESSION)",
                "drop check NAME on domain NAME");
        assertThat(p.read("drop check quantity_positive on domain quantity").change())
                .isEqualTo(new DropDomainCheck(Ident.of("quantity"), Ident.of("quantity_positive")));
        assertThat(new SqlChangeReader(Dialects.parse("postgresql:15")).read(
                "ALTER DOMAIN public.quantity DROP CONSTRAINT IF EXISTS \"Pos\";", "x.sql").get(0).change())
                .isEqualTo(new DropDomainCheck(Ident.of("quantity"), Ident.of("Pos")));
    }

    @Test
    void planGatesTheValidateOnViolationsOfEveryColumnOfTheDomain() {
        Plan plan = Strategist.configure().dialect("postgresql:15").schemaSql(SCHEMA).load()
                .plan(List.of("add check quantity_positive on domain quantity (VALUE > 0)"), List.of()).plan();
        assertThat(plan.steps()).hasSize(2);
        SchemaStep expand = (SchemaStep) plan.steps().get(0);
        SchemaStep validate = (SchemaStep) plan.steps().get(1);
        assertThat(expand.sql()).containsExactly(
                "ALTER DOMAIN quantity ADD CONSTRAINT quantity_positive CHECK (VALUE > 0) NOT VALID;");
        assertThat(expand.lock()).contains("no table lock");
        assertThat(validate.sql()).endsWith("ALTER DOMAIN quantity VALIDATE CONSTRAINT quantity_positive;");
        assertThat(validate.lock()).contains("SHARE on `orders`, `order_lines`");
        assertThat(validate.verifySql()).isEqualTo("SELECT (SELECT count(*) FROM orders WHERE NOT (SELECT (VALUE > 0)"
                + " FROM (SELECT orders.quantity AS value) AS v)) + (SELECT count(*) FROM order_lines WHERE NOT"
                + " (SELECT (VALUE > 0) FROM (SELECT order_lines.quantity AS value) AS v))");
        assertThat(expand.rollback().sql()).containsExactly(
                "ALTER DOMAIN quantity DROP CONSTRAINT IF EXISTS quantity_positive;");
        assertThat(plan.after().domain(Ident.of("quantity")).orElseThrow().checks())
                .containsExactly(new DomainType.Check(Ident.of("quantity_positive"), "VALUE > 0", true));
        assertThat(plan.findings()).extracting(Finding::rule).contains("add-domain-check-scans-tables");
    }

    @Test
    void guardrailIsQuietForTheNotValidFormAndForSmallTables() {
        Strategist s = Strategist.configure().dialect("postgresql:15").schemaSql(SCHEMA).load();
        assertThat(s.planSql("ALTER DOMAIN quantity ADD CONSTRAINT p CHECK (VALUE > 0) NOT VALID;").plan()
                .findings()).extracting(Finding::rule).doesNotContain("add-domain-check-scans-tables");
        Strategist small = Strategist.configure().dialect("postgresql:15").schemaSql(SCHEMA).rows("orders", 10)
                .rows("order_lines", 10).load();
        assertThat(small.planSql("ALTER DOMAIN quantity ADD CONSTRAINT p CHECK (VALUE > 0);").plan().findings())
                .extracting(Finding::rule).doesNotContain("add-domain-check-scans-tables");
    }

    @Test
    void unknownDomainDuplicateNameAndMysqlFamilyAreRefused() {
        Strategist pg = Strategist.configure().dialect("postgresql:15").schemaSql(SCHEMA).load();
        assertThatThrownBy(() -> pg.planSql("ALTER DOMAIN nope ADD CONSTRAINT p CHECK (VALUE > 0);"))
                .hasMessageContaining("unknown domain nope (the schema has [quantity])");
        Strategist withCheck = Strategist.configure().dialect("postgresql:15").schemaSql(SCHEMA
                + "\nALTER DOMAIN quantity ADD CONSTRAINT p CHECK (VALUE > 0);").load();
        assertThatThrownBy(() -> withCheck.planSql("ALTER DOMAIN quantity ADD CONSTRAINT p CHECK (VALUE > 1);"))
                .hasMessageContaining("already has a constraint p");
        for (String dialect : List.of("mysql:8.0", "mariadb:10.11")) {
            Strategist my = Strategist.configure().dialect(dialect)
                    .schemaSql("CREATE TABLE orders (id bigint PRIMARY KEY, quantity int);").load();
            assertThatThrownBy(() -> my.plan(List.of("add check p on domain quantity (VALUE > 0)"), List.of()))
                    .isInstanceOf(StrategistException.class)
                    .hasMessageContaining("has no domains; put the check on each column instead")
                    .hasMessageNotContaining("\n");
            assertThatThrownBy(() -> my.plan(List.of("drop check p on domain quantity"), List.of()))
                    .hasMessageContaining("has no domains (CREATE DOMAIN is PostgreSQL's)");
        }
        assertThatThrownBy(() -> pg.plan(List.of("drop check nope on domain quantity"), List.of()))
                .hasMessageContaining("domain quantity has no check nope (it has [])");
    }
}
