package dev.migrationstrategist.input;

import dev.migrationstrategist.db.CatalogReader;
import dev.migrationstrategist.db.SchemaMatch;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.testing.ProductionSchema;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A production-shaped schema ({@link ProductionSchema}: keyword-named columns, an enum and a domain, deferrable
 * uniques, NOT VALID constraints, range, list, hash and sub-partitioned tables, triggers, functions, a view) is built
 * on the real server, dumped with the real {@code pg_dump --schema-only} / {@code mariadb-dump --no-data}, and read
 * twice: from the dump by {@link SchemaReader}, from the catalog by {@link CatalogReader}. Both models must be equal:
 * tables, columns (type, nullability, default), constraints (kind, name, columns, references, actions, validity),
 * indexes at the level the model has, and partitioning (strategy, key, parent and bound exactly as the server prints
 * them).
 */
class DumpAndCatalogAgreeTest {
    private static final int FILLERS = 40;

    @Test
    @Tag("postgres")
    void pgDumpReadsAsTheCatalog() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("i15r_"); Connection c = db.connection()) {
            for (String sql : ProductionSchema.postgres(FILLERS)) {
                execute(c, sql);
            }
            String dump = run(db.password(), "pg_dump", "-h", host(db.jdbcUrl()), "-p", port(db.jdbcUrl(), "5432"), "-U", db.user(),
                    "--schema-only", "-n", db.scope(), database(db.jdbcUrl()));
            Schema file = new SchemaReader(Dialects.parse("postgresql:15")).read(dump, "pg_dump");
            Schema live = CatalogReader.read(c, db.scope());
            assertAgree(file, live, false);
            Table events = file.table(dev.migrationstrategist.schema.Ident.of("events")).orElseThrow();
            assertThat(events.partitioning().strategy()).isEqualTo("RANGE");
            Table sub = file.table(dev.migrationstrategist.schema.Ident.of("orders_other_1")).orElseThrow();
            assertThat(sub.partitioning().parent().name()).isEqualTo("orders_other");
            assertThat(sub.partitioning().bound()).isEqualTo("FOR VALUES WITH (modulus 2, remainder 1)");
            assertThat(file.tables()).hasSize(live.tables().size()).hasSizeGreaterThan(FILLERS + 15);
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbDumpReadsAsTheCatalog() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb("i15r_"); Connection c = db.connection()) {
            for (String sql : ProductionSchema.mariadb(FILLERS)) {
                execute(c, sql);
            }
            String tool = onPath("mariadb-dump") ? "mariadb-dump" : "mysqldump";
            String dump = run(db.password(), tool, "-h", host(db.jdbcUrl()), "-P", port(db.jdbcUrl(), "3306"), "-u" + db.user(),
                    "--no-data", "--routines", "--triggers", db.scope());
            Schema file = new SchemaReader(Dialects.parse("mariadb:10.11")).read(dump, "mariadb-dump");
            Schema live = CatalogReader.read(c, db.scope());
            assertAgree(file, live, true);
            Table events = file.table(dev.migrationstrategist.schema.Ident.of("events")).orElseThrow();
            assertThat(events.partitioning().strategy()).isEqualTo("RANGE");
            assertThat(events.partitioning().key()).isEqualTo("year(`created_at`)");
        }
    }

    private static void assertAgree(Schema file, Schema live, boolean mysql) {
        Schema f = sorted(file);
        Schema l = sorted(live);
        assertSameLines("normalised (SchemaMatch)", withoutIndexDetail(SchemaMatch.model(f, mysql)),
                withoutIndexDetail(SchemaMatch.catalog(l, f, mysql)));
        assertSameLines("names, validity and partitioning as printed", strict(f, mysql), strict(l, mysql));
    }

    /** Equal texts; on a difference, the lines only the dump's model has and those only the catalog's has. */
    private static void assertSameLines(String what, String fromDump, String fromCatalog) {
        List<String> dump = withTable(fromDump);
        List<String> catalog = withTable(fromCatalog);
        List<String> onlyDump = dump.stream().filter(x -> !catalog.contains(x)).toList();
        List<String> onlyCatalog = catalog.stream().filter(x -> !dump.contains(x)).toList();
        assertThat(onlyDump).as(what + ": lines only the dump's model has (the catalog's has " + onlyCatalog + ")")
                .isEmpty();
        assertThat(onlyCatalog).as(what + ": lines only the catalog's model has").isEmpty();
        assertThat(fromDump).as(what).isEqualTo(fromCatalog);
    }

    /** Each indented line prefixed by the table line above it. */
    private static List<String> withTable(String text) {
        List<String> out = new ArrayList<>();
        String table = "";
        for (String line : text.split("\n")) {
            if (!line.startsWith(" ")) {
                table = line;
                out.add(line);
            } else {
                out.add(table + " |" + line);
            }
        }
        return out;
    }

    private static Schema sorted(Schema s) {
        return new Schema(s.tables().stream().sorted(Comparator.comparing(t -> t.name().lower())).toList(),
                s.enums(), s.domains());
    }

    /**
     * Index lines without their columns, predicate and method: how an index's definition (expressions, WHERE,
     * opclass, order) is modelled is the index model's part, checked by its own tests; here each index must be there,
     * with its name and uniqueness (see {@link #strict}).
     */
    private static String withoutIndexDetail(String text) {
        return java.util.Arrays.stream(text.split("\n"))
                .filter(l -> !((l.startsWith("  index ") || l.startsWith("  unique ")) && l.contains(" using ")))
                .collect(Collectors.joining("\n"));
    }

    /** What must be equal without normalisation: names, validity, actions, indexes, partitioning. */
    private static String strict(Schema s, boolean mysql) {
        List<String> out = new ArrayList<>();
        for (Table t : s.tables()) {
            out.add(t.name().name() + " " + t.partitioning());
            List<String> rest = new ArrayList<>();
            for (Constraint c : t.constraints()) {
                String name = c.name() == null || mysql && c instanceof Constraint.PrimaryKey ? "?" : c.name().name();
                String line = c.getClass().getSimpleName() + " " + name + " "
                        + c.columns() + " valid=" + c.valid();
                if (c instanceof Constraint.ForeignKey fk) {
                    line += " -> " + fk.referencedTable() + fk.referencedColumns() + " " + fk.onDelete() + " "
                            + fk.onUpdate();
                }
                rest.add("  " + line);
            }
            for (Index i : t.indexes()) {
                rest.add("  index " + i.name().name() + " unique=" + i.unique());
            }
            rest.sort(null);
            out.addAll(rest);
        }
        return String.join("\n", out);
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String host(String url) {
        return url.replaceFirst("^jdbc:[a-z]+://", "").replaceFirst("[:/].*$", "");
    }

    private static String port(String url, String fallback) {
        String rest = url.replaceFirst("^jdbc:[a-z]+://[^:/]+", "");
        return rest.startsWith(":") ? rest.substring(1).replaceFirst("/.*$", "") : fallback;
    }

    private static String database(String url) {
        return url.replaceFirst("^jdbc:[a-z]+://[^/]+/", "").replaceFirst("\\?.*$", "");
    }

    private static String run(String password, String... command) throws IOException, InterruptedException {
        assumeTrue(onPath(command[0]), "dump comparison SKIPPED (assumption): " + command[0]
                + " is not installed on this machine, so the file reader is not checked against the catalog here");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (password != null && !password.isEmpty()) {
            pb.environment().put("PGPASSWORD", password);
            pb.environment().put("MYSQL_PWD", password);
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(command[0] + " finished").isTrue();
        assertThat(p.exitValue()).as(command[0] + " exit code").isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static boolean onPath(String tool) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(d -> new File(d, tool).canExecute());
    }

    @SuppressWarnings("unused")
    private static String lines(List<String> l) {
        return l.stream().collect(Collectors.joining("\n"));
    }
}
