package dev.migrationstrategist.lint;

import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.dialect.MySqlDialect;
import dev.migrationstrategist.input.ChangeRequest;
import dev.migrationstrategist.input.SqlChangeReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token reader lint uses for everyday statements ({@link FastChangeReader}) must read every statement it
 * claims exactly as the SQL parser path ({@link SqlChangeReader}) does: the same changes, field by field, or, where
 * the parser path refuses the statement, no change. Checked on every statement of the lint corpus, the lint test
 * files and the examples, and on generated statements that vary names, quoting, types, defaults and clauses.
 */
class FastChangeReaderTest {
    private static final List<String> DIALECTS = List.of("postgresql:15", "mysql:8.0", "mariadb:10.11");

    @Test
    void agreesWithTheParserOnEveryStatementOfTheCorporaAndExamples() throws IOException {
        int claimed = 0;
        int statements = 0;
        List<String> disagreements = new ArrayList<>();
        for (Path file : sqlFiles()) {
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                        .toString();
            } catch (java.nio.charset.CharacterCodingException notText) {
                continue;
            }
            boolean mysqlFile = file.toString().contains("mysql") || file.toString().contains("mariadb");
            for (String spec : DIALECTS) {
                Dialect dialect = Dialects.parse(spec);
                if (mysqlFile != dialect instanceof MySqlDialect) {
                    continue;
                }
                SqlLexer.Lexed lexed = SqlLexer.lex(text, dialect instanceof MySqlDialect);
                if (lexed.problem() != null) {
                    continue;
                }
                for (SqlStatement s : lexed.statements()) {
                    statements++;
                    String why = compare(dialect, s);
                    if (why == null) {
                        continue;
                    }
                    if (!why.isEmpty()) {
                        disagreements.add(file + " as " + spec + ": " + why);
                    }
                    claimed++;
                }
            }
        }
        System.out.printf("fast reader: %d of %d corpus statements read without the parser%n", claimed, statements);
        assertThat(disagreements).isEmpty();
        assertThat(claimed).as("statements the fast reader read").isGreaterThan(50);
    }

    @Test
    void agreesWithTheParserOnGeneratedStatements() {
        List<String> disagreements = new ArrayList<>();
        int claimed = 0;
        int total = 0;
        for (String spec : DIALECTS) {
            Dialect dialect = Dialects.parse(spec);
            boolean mysql = dialect instanceof MySqlDialect;
            for (String sql : generated(mysql)) {
                SqlLexer.Lexed lexed = SqlLexer.lex(sql, mysql);
                assertThat(lexed.problem()).as(sql).isNull();
                for (SqlStatement s : lexed.statements()) {
                    total++;
                    String why = compare(dialect, s);
                    if (why != null) {
                        claimed++;
                        if (!why.isEmpty()) {
                            disagreements.add(spec + ": " + why);
                        }
                    }
                }
            }
        }
        System.out.printf("fast reader: %d of %d generated statements read without the parser%n", claimed, total);
        assertThat(disagreements).isEmpty();
        assertThat(claimed).as("generated statements the fast reader read").isGreaterThan(total / 2);
    }

    @Test
    void leavesWhatItDoesNotKnowToTheParser() {
        Dialect pg = Dialects.parse("postgresql:15");
        for (String sql : List.of(
                "ALTER TABLE t ALTER COLUMN c TYPE bigint USING c::bigint",
                "ALTER TABLE t ADD COLUMN c int REFERENCES u (id)",
                "ALTER TABLE t ADD COLUMN c timestamptz DEFAULT now() + interval '1 day'",
                "ALTER TABLE t ADD COLUMN IF NOT EXISTS c int",
                "ALTER TABLE ONLY t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id)",
                "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0 OR b > 0) NOT VALID",
                "ALTER TABLE t ADD CONSTRAINT c CHECK (length(a) > 0)",
                "CREATE INDEX i ON t (lower(email))",
                "CREATE INDEX i ON t (a) WHERE deleted_at IS NULL",
                "CREATE INDEX ON t (a)",
                "DROP TABLE t CASCADE",
                "ALTER TABLE t DROP COLUMN a, ADD COLUMN b int USING x")) {
            SqlStatement s = SqlLexer.lex(sql, false).statements().get(0);
            assertThat(new FastChangeReader(pg).read(s)).as(sql).isNull();
        }
    }

    @Test
    void readsTheEverydayFormsItself() {
        Dialect pg = Dialects.parse("postgresql:15");
        for (String sql : List.of(
                "ALTER TABLE orders ADD COLUMN note text",
                "ALTER TABLE orders ADD COLUMN uid uuid DEFAULT gen_random_uuid() NOT NULL",
                "ALTER TABLE orders ALTER COLUMN qty TYPE bigint",
                "ALTER TABLE orders ALTER COLUMN email SET NOT NULL",
                "ALTER TABLE orders RENAME COLUMN name TO full_name",
                "ALTER TABLE orders ADD CONSTRAINT orders_nn CHECK (email IS NOT NULL) NOT VALID",
                "ALTER TABLE orders ADD CONSTRAINT orders_fk FOREIGN KEY (owner_id) REFERENCES owners (id) NOT VALID",
                "ALTER TABLE orders VALIDATE CONSTRAINT orders_fk",
                "CREATE INDEX CONCURRENTLY orders_created ON orders (created_at)",
                "CREATE UNIQUE INDEX orders_email ON orders USING btree (email)")) {
            SqlStatement s = SqlLexer.lex(sql, false).statements().get(0);
            assertThat(new FastChangeReader(pg).read(s)).as(sql).isNotNull();
            assertThat(compare(pg, s)).as(sql).isEmpty();
        }
    }

    /**
     * Shaped like Lemmy's migrations (columns named read, comment, register): JSqlParser 5.3 refuses these names, so
     * the parser path judged {@code DROP COLUMN read} on a live table by no rule at all; the token reader reads
     * them. Found by linting Lemmy's 342 migrations both ways: the only differences in the output were these.
     */
    @Test
    void readsColumnsNamedLikeWordsTheParserRefuses(@org.junit.jupiter.api.io.TempDir Path dir) {
        Dialect pg = Dialects.parse("postgresql:15");
        for (String sql : List.of("ALTER TABLE comment DROP COLUMN read",
                "ALTER TABLE post_actions RENAME COLUMN read TO read_at",
                "ALTER TABLE local_site_rate_limit RENAME COLUMN register TO register_max_requests")) {
            SqlStatement s = SqlLexer.lex(sql, false).statements().get(0);
            assertThat(new FastChangeReader(pg).read(s)).as(sql).hasSize(1);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SqlChangeReader(pg).read(sql, "f"))
                    .as("the parser still refuses " + sql + ": when it stops, the corpus comparison covers it").isNotNull();
        }
        LintResult result = new LintRun(dir).file("V7__drop_read.sql", "SET lock_timeout = '2s';\n"
                + "ALTER TABLE comment DROP COLUMN read;\n").lint("postgresql:15");
        assertThat(result.findings()).extracting(LintFinding::rule).contains("drop-column-in-use");
    }

    /** Null when the fast reader leaves the statement to the parser; "" when both agree; else what differs. */
    private static String compare(Dialect dialect, SqlStatement s) {
        List<Change> fast = new FastChangeReader(dialect).read(s);
        if (fast == null) {
            return null;
        }
        List<Change> parsed;
        try {
            parsed = new SqlChangeReader(dialect).read(s.text(), "f").stream().map(ChangeRequest::change).toList();
        } catch (RuntimeException refused) {
            parsed = List.of();
        }
        return fast.equals(parsed) ? "" : s.oneLine() + "\n    fast:   " + fast + "\n    parser: " + parsed;
    }

    private static List<Path> sqlFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String root : List.of("src/test/resources/lint-corpus", "src/test/resources/lint", "examples")) {
            try (Stream<Path> walk = Files.walk(Path.of(root))) {
                walk.filter(p -> p.toString().endsWith(".sql")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    /** Statements in the shapes migrations are written in, with the variations the readers must agree on. */
    static List<String> generated(boolean mysql) {
        String q = mysql ? "`" : "\"";
        List<String> tables = List.of("orders", "Orders", q + "Order Items" + q, "public.orders", q + "select" + q);
        List<String> columns = List.of("note", "Note", q + "Note" + q, q + "two words" + q);
        List<String> types = new ArrayList<>(List.of("text", "integer", "int", "bigint", "varchar(255)",
                "VARCHAR(64)", "character varying(20)", "numeric(12,2)", "numeric(12, 2)", "decimal(10,2)",
                "boolean", "timestamp", "date", "double precision", "real", "smallint", "uuid", "jsonb",
                "timestamp with time zone", "timestamp without time zone", "timestamptz", "bytea", "char(3)",
                "bigserial", "serial", "TEXT", "json"));
        if (mysql) {
            types.addAll(List.of("int unsigned", "bigint unsigned", "datetime", "tinyint", "mediumtext",
                    "longtext", "datetime(6)", "int(11)", "tinyint(1)"));
        }
        List<String> defaults = List.of("", " DEFAULT 0", " DEFAULT 42", " DEFAULT 'x'", " DEFAULT ''",
                " DEFAULT 'it''s'", " DEFAULT TRUE", " DEFAULT false", " DEFAULT now()", " DEFAULT gen_random_uuid()",
                " DEFAULT CURRENT_TIMESTAMP", " DEFAULT NULL", " NOT NULL", " NOT NULL DEFAULT 0",
                " DEFAULT 0 NOT NULL", " NULL", " DEFAULT 1.5", " DEFAULT -1", " DEFAULT 'a'::text",
                " DEFAULT (0)", " DEFAULT now() NOT NULL");
        List<String> out = new ArrayList<>();
        for (String t : tables) {
            for (String c : columns) {
                out.add("ALTER TABLE " + t + " RENAME COLUMN " + c + " TO " + c.replace("ote", "ew") + ";");
                out.add("ALTER TABLE " + t + " DROP COLUMN " + c + ";");
                out.add("ALTER TABLE " + t + " DROP " + c + ";");
                out.add("ALTER TABLE " + t + " ALTER COLUMN " + c + " SET NOT NULL;");
                out.add("ALTER TABLE " + t + " ALTER COLUMN " + c + " DROP NOT NULL;");
                out.add("ALTER TABLE " + t + " ALTER COLUMN " + c + " DROP DEFAULT;");
                out.add("ALTER TABLE " + t + " ALTER " + c + " SET DEFAULT 0;");
                out.add("CREATE INDEX " + c.replace("ote", "x") + "_idx ON " + t + " (" + c + ");");
                out.add("CREATE INDEX CONCURRENTLY idx_" + c.replace(q, "").replace(" ", "_") + " ON " + t + " ("
                        + c + ", id);");
                out.add("CREATE UNIQUE INDEX u1 ON " + t + " USING btree (" + c + ");");
                out.add("ALTER TABLE " + t + " ADD CONSTRAINT fk_" + c.replace(q, "").replace(" ", "_")
                        + " FOREIGN KEY (" + c + ") REFERENCES owners (id);");
                out.add("ALTER TABLE " + t + " ADD FOREIGN KEY (" + c + ") REFERENCES public.owners (id)"
                        + " ON DELETE CASCADE;");
                out.add("ALTER TABLE " + t + " ADD CONSTRAINT f2 FOREIGN KEY (" + c + ", id) REFERENCES owners"
                        + " (a, b) ON DELETE SET NULL ON UPDATE NO ACTION;");
                out.add("ALTER TABLE " + t + " ADD CONSTRAINT f3 FOREIGN KEY (" + c + ") REFERENCES owners (id)"
                        + " NOT VALID;");
                out.add("ALTER TABLE " + t + " ADD CONSTRAINT f4 FOREIGN KEY (" + c + ") REFERENCES owners;");
                for (String type : types) {
                    out.add("ALTER TABLE " + t + " ALTER COLUMN " + c + " TYPE " + type + ";");
                    out.add("ALTER TABLE " + t + " ALTER COLUMN " + c + " SET DATA TYPE " + type + ";");
                }
            }
            for (String type : types) {
                for (String d : defaults) {
                    out.add("ALTER TABLE " + t + " ADD COLUMN note " + type + d + ";");
                }
                out.add("ALTER TABLE " + t + " ADD note " + type + ";");
            }
            out.add("ALTER TABLE " + t + " ADD COLUMN a int, ADD COLUMN b text NOT NULL DEFAULT 'b';");
            out.add("ALTER TABLE " + t + " DROP COLUMN a, DROP COLUMN b;");
            out.add("ALTER TABLE " + t + " RENAME TO " + t.replace("rder", "rd") + "_old;");
            out.add("ALTER TABLE " + t + " VALIDATE CONSTRAINT f1;");
            out.add("ALTER TABLE " + t + " DROP CONSTRAINT f1;");
            out.add("ALTER TABLE " + t + " DROP CONSTRAINT f1, ADD COLUMN x int;");
            out.add("ALTER TABLE " + t + " ALTER COLUMN a SET DEFAULT 'x';");
            out.add("ALTER TABLE " + t + " ALTER COLUMN a SET DEFAULT now();");
            out.add("ALTER TABLE " + t + " ALTER COLUMN a SET DEFAULT NULL;");
            out.add("DROP TABLE " + t + ";");
            out.add("ALTER TABLE " + t + " RENAME CONSTRAINT a_fkey TO b_fkey;");
            out.add("ALTER TABLE " + t + " ENABLE TRIGGER ALL;");
            out.add("ALTER TABLE " + t + " DISABLE TRIGGER USER;");
            out.add("ALTER TABLE " + t + " DISABLE TRIGGER t_audit;");
            out.add("ALTER TABLE " + t + " DISABLE TRIGGER ALL, ADD COLUMN x int;");
            for (String drop : List.of("VIEW IF EXISTS v_orders", "VIEW v_orders CASCADE", "VIEW a, b",
                    "MATERIALIZED VIEW mv", "TRIGGER IF EXISTS trg ON " + t, "TRIGGER trg ON " + t,
                    "FUNCTION IF EXISTS f(int)", "FUNCTION f", "PROCEDURE p()", "SEQUENCE s", "SEQUENCE IF EXISTS s",
                    "EXTENSION IF EXISTS pgcrypto", "POLICY p ON " + t, "RULE r ON " + t, "AGGREGATE a(int)")) {
                out.add("DROP " + drop + ";");
            }
            for (String check : List.of("qty >= 0", "qty>=0", "qty > 0", "QTY<>1", "qty != 1", "qty = 1",
                    "qty <= 10", "qty < 10", "email IS NOT NULL", "email is not null", "Email IS NULL",
                    "a IS NULL AND b > 0", "a > 0 and b < 1 AND c IS NOT NULL", "qty >= -1", q + "Qty" + q + " > 0",
                    "qty > 1.5", "qty > 'a'", "(qty > 0)")) {
                out.add("ALTER TABLE " + t + " ADD CONSTRAINT c_" + Math.abs(check.hashCode()) + " CHECK (" + check
                        + ") NOT VALID;");
                out.add("ALTER TABLE " + t + " ADD CONSTRAINT Ck CHECK (" + check + ");");
                out.add("ALTER TABLE " + t + " ADD CHECK (" + check + ") NOT VALID;");
                out.add("ALTER TABLE " + t + " ADD CHECK (" + check + "), ADD COLUMN z int;");
            }
        }
        return out;
    }
}
