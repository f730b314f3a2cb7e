import dev.migrationstrategist.testing.ProductionSchema;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * State A at production size. Builds ProductionSchema (the test helper: keyword-named columns, range/list/hash and
 * sub-partitioned tables, deferrable uniques, NOT VALID keys, triggers, functions, a view, TABLES filler tables each
 * with a foreign key, a unique key and 2-3 indexes) in a scratch PostgreSQL database, then times, each as its own
 * process (JVM start included, the launcher's JVM options, best of 3) and with its peak resident memory:
 *   pg_dump --schema-only (the alternative for reading a live catalog)
 *   plan --schema DUMP (State A from the dump file, one small change planned)
 *   plan --db URL (State A read from the live catalog, same change)
 *   plan --from DUMP --to DUMP2 (two states of TABLES+ tables; DUMP2 adds a column to 5 tables)
 *   lint --schema DUMP with 5 small migration files
 *   lint without --schema, same files (what State A costs lint)
 * Usage: bench/statea/run.sh [TABLES] [PG_HOST] [PG_PORT]
 */
public class StateABench {
    static final String JAVA_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto";

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        int tables = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        String host = args.length > 2 ? args[2] : "127.0.0.1";
        String port = args.length > 3 ? args[3] : "5432";
        String db = "strategist_bench_statea_" + tables;
        String admin = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + db;
        Path dir = Files.createTempDirectory("statea-bench");
        try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + db);
            st.execute("CREATE DATABASE " + db);
        }
        try {
            long t0 = System.nanoTime();
            try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                for (String sql : ProductionSchema.postgres(tables)) {
                    st.execute(sql);
                }
                c.commit();
            }
            System.out.printf(Locale.ROOT, "built %d filler tables (+ the central ones) in %.1f s%n", tables,
                    (System.nanoTime() - t0) / 1e9);
            Path dump = dir.resolve("dump.sql");
            Result pgDump = best(List.of("pg_dump", "-h", host, "-p", port, "-U", "postgres", "--schema-only",
                    "-f", dump.toString(), db));
            String text = Files.readString(dump);
            String to = text.replaceAll("(CREATE TABLE public\\.item_000[1-5] \\(\\n)", "$1    note text,\n");
            Path dump2 = dir.resolve("dump2.sql");
            Files.writeString(dump2, to);
            List<String> files = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                Path f = dir.resolve("V" + i + "__change.sql");
                Files.writeString(f, "ALTER TABLE item_000" + i + " ADD COLUMN flag boolean DEFAULT false NOT NULL;\n"
                        + "CREATE INDEX CONCURRENTLY item_000" + i + "_flag ON item_000" + i + " (flag);\n");
                files.add(f.toString());
            }
            String change = "ALTER TABLE item_0001 ADD COLUMN note text";
            Path out = dir.resolve("out");
            Result fromFile = best(cli(jar, "plan", "--dialect", "postgresql:15", "--schema", dump.toString(),
                    "--out", out.toString(), "--print", "none", "--sql", change));
            Result fromDb = best(cli(jar, "plan", "--db", url, "--user", "postgres", "--out", out.toString(),
                    "--print", "none", "--sql", change));
            Result diff = best(cli(jar, "plan", "--dialect", "postgresql:15", "--from", dump.toString(), "--to",
                    dump2.toString(), "--out", out.toString(), "--print", "none"));
            List<String> lint = cli(jar, "lint", "--dialect", "postgresql:15", "--schema", dump.toString());
            lint.addAll(files);
            Result lintSchema = best(lint);
            List<String> bare = cli(jar, "lint", "--dialect", "postgresql:15");
            bare.addAll(files);
            Result lintBare = best(bare);
            System.out.printf(Locale.ROOT, "dump: %.2f MB, %d lines%n", text.length() / 1e6,
                    text.split("\n", -1).length);
            System.out.println("| what | wall s (best of 3) | peak RSS MB | exit |");
            System.out.println("|---|---|---|---|");
            row("pg_dump --schema-only (alternative)", pgDump);
            row("plan --schema DUMP (State A from the file)", fromFile);
            row("plan --db (State A from the catalog)", fromDb);
            row("plan --from DUMP --to DUMP2", diff);
            row("lint --schema DUMP, 5 files", lintSchema);
            row("lint, 5 files, no State A", lintBare);
        } finally {
            try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + db);
            }
        }
    }

    record Result(double seconds, long peakKb, int exit) {
    }

    static void row(String what, Result r) {
        System.out.printf(Locale.ROOT, "| %s | %.2f | %s | %d |%n", what, r.seconds,
                r.peakKb < 0 ? "n/a" : String.valueOf(r.peakKb / 1024), r.exit);
    }

    static List<String> cli(String jar, String... args) {
        List<String> out = new ArrayList<>(List.of("java"));
        out.addAll(Arrays.asList(JAVA_OPTS.split(" ")));
        out.addAll(List.of("-jar", jar));
        out.addAll(Arrays.asList(args));
        return out;
    }

    /** Best wall time of 3 runs; peak RSS through /usr/bin/time where it is installed. */
    static Result best(List<String> command) throws Exception {
        Result best = null;
        boolean time = new File("/usr/bin/time").canExecute();
        for (int i = 0; i < 3; i++) {
            List<String> full = new ArrayList<>();
            Path rss = Files.createTempFile("rss", ".txt");
            if (time) {
                full.addAll(List.of("/usr/bin/time", "-f", "%M", "-o", rss.toString()));
            }
            full.addAll(command);
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            int exit = p.waitFor();
            double s = (System.nanoTime() - t0) / 1e9;
            long kb = time ? Long.parseLong(Files.readString(rss, StandardCharsets.UTF_8).trim()
                    .lines().reduce((a, b) -> b).orElse("-1").trim()) : -1;
            if (best == null || s < best.seconds) {
                best = new Result(s, kb, exit);
            }
        }
        return best;
    }
}
