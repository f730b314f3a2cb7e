import dev.migrationstrategist.testing.ProductionSchema;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * State A at production size, against the targets of issue 15. Builds ProductionSchema (the test helper:
 * keyword-named columns, range/list/hash and sub-partitioned tables, deferrable uniques, NOT VALID keys, triggers,
 * functions, a view, TABLES filler tables each with a foreign key, a unique key and 2-3 indexes) in a scratch
 * PostgreSQL database and dumps it (1,500 tables give a 3.0 MB dump), then adds filler tables up to DB_TABLES for
 * plan --db. Times, each as its own process through the launcher ({@code ./strategist}: its JVM options and its
 * start-up archive, JVM start included), best of 3 by wall time, with the least CPU time (user+sys) of the 3 and the
 * peak resident memory:
 *   pg_dump --schema-only (the alternative for reading a live catalog)
 *   plan --schema DUMP (State A from the dump file, one small change planned), also without the archive
 *   plan --from DUMP --to DUMP2 (two states of TABLES+ tables; DUMP2 adds a column to 5 tables)
 *   lint --schema DUMP with 5 small migration files, and without --schema (what State A costs lint)
 *   plan --db URL on DB_TABLES tables (State A read from the live catalog, same change)
 * Usage: bench/statea/run.sh [TABLES [DB_TABLES [PG_HOST [PG_PORT]]]]; the database is STATEA_DB if set.
 */
public class StateABench {
    public static void main(String[] args) throws Exception {
        String launcher = args[0];
        int tables = args.length > 1 ? Integer.parseInt(args[1]) : 1500;
        int dbTables = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        String host = args.length > 3 ? args[3] : "127.0.0.1";
        String port = args.length > 4 ? args[4] : "5432";
        String db = System.getenv().getOrDefault("STATEA_DB", "strategist_bench_statea");
        String admin = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + db;
        Path dir = Files.createTempDirectory("statea-bench");
        try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + db);
            st.execute("CREATE DATABASE " + db);
        }
        try {
            System.out.println("load average at start: " + loadAverage());
            long t0 = System.nanoTime();
            List<String> schema = ProductionSchema.postgres(tables);
            run(url, schema);
            System.out.printf(Locale.ROOT, "built %d filler tables (+ the central ones) in %.1f s%n", tables,
                    (System.nanoTime() - t0) / 1e9);
            Path dump = dir.resolve("dump.sql");
            Result pgDump = best(List.of("pg_dump", "-h", host, "-p", port, "-U", "postgres", "--schema-only",
                    "-f", dump.toString(), db), Map.of());
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
            new ProcessBuilder(launcher, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(); // writes the archive
            List<String> plan = List.of(launcher, "plan", "--dialect", "postgresql:15", "--schema", dump.toString(),
                    "--out", out.toString(), "--print", "none", "--sql", change);
            Result fromFile = best(plan, Map.of());
            Result fromFileBare = best(plan, Map.of("STRATEGIST_CDS", "0"));
            Result diff = best(List.of(launcher, "plan", "--dialect", "postgresql:15", "--from", dump.toString(),
                    "--to", dump2.toString(), "--out", out.toString(), "--print", "none"), Map.of());
            List<String> lint = new ArrayList<>(List.of(launcher, "lint", "--dialect", "postgresql:15", "--schema",
                    dump.toString()));
            lint.addAll(files);
            Result lintSchema = best(lint, Map.of());
            List<String> bare = new ArrayList<>(List.of(launcher, "lint", "--dialect", "postgresql:15"));
            bare.addAll(files);
            Result lintBare = best(bare, Map.of());
            long t1 = System.nanoTime();
            List<String> more = ProductionSchema.postgres(dbTables);
            run(url, more.subList(schema.size(), more.size()));
            System.out.printf(Locale.ROOT, "added filler tables up to %d in %.1f s%n", dbTables,
                    (System.nanoTime() - t1) / 1e9);
            Result fromDb = best(List.of(launcher, "plan", "--db", url, "--user", "postgres", "--out",
                    out.toString(), "--print", "none", "--sql", change), Map.of());
            System.out.printf(Locale.ROOT, "dump: %,d bytes (%.2f MB), %d lines, %d filler tables; plan --db on %d"
                    + " filler tables%n", Files.size(dump), Files.size(dump) / 1e6, text.split("\n", -1).length,
                    tables, dbTables);
            System.out.println("load average at end: " + loadAverage());
            System.out.println("| what | target | wall s (best of 3) | CPU s (user+sys, least of 3) | peak RSS MB"
                    + " | exit |");
            System.out.println("|---|---|---|---|---|---|");
            row("pg_dump --schema-only (alternative)", "", pgDump);
            row("plan --schema DUMP (State A from the file)", "<= 1.5 s, <= 256 MB", fromFile);
            row("same, without the start-up archive (STRATEGIST_CDS=0)", "", fromFileBare);
            row("plan --from DUMP --to DUMP2", "<= 3 s", diff);
            row("lint --schema DUMP, 5 files", "<= 1.5 s", lintSchema);
            row("lint, 5 files, no State A", "", lintBare);
            row("plan --db (State A from the catalog, " + dbTables + " tables)", "<= 2 s", fromDb);
        } finally {
            try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + db);
            }
        }
    }

    record Result(double seconds, double cpu, long peakKb, int exit) {
    }

    /** Runs statements in the database, committing every 500 (one transaction of all runs out of lock slots). */
    static void run(String url, List<String> statements) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            int n = 0;
            for (String sql : statements) {
                st.execute(sql);
                if (++n % 500 == 0) {
                    c.commit();
                }
            }
            c.commit();
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "n/a";
        }
    }

    static void row(String what, String target, Result r) {
        System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %s | %s | %d |%n", what, target, r.seconds,
                r.cpu < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", r.cpu),
                r.peakKb < 0 ? "n/a" : String.valueOf(r.peakKb / 1024), r.exit);
    }

    /**
     * Best wall time of 3 runs (its peak RSS and exit code) and the least CPU time of the 3; peak RSS and CPU time
     * through /usr/bin/time where it is installed.
     */
    static Result best(List<String> command, Map<String, String> env) throws Exception {
        Result best = null;
        double leastCpu = -1;
        boolean time = new File("/usr/bin/time").canExecute();
        for (int i = 0; i < 3; i++) {
            List<String> full = new ArrayList<>();
            Path stats = Files.createTempFile("time", ".txt");
            if (time) {
                full.addAll(List.of("/usr/bin/time", "-f", "%M %U %S", "-o", stats.toString()));
            }
            full.addAll(command);
            long t0 = System.nanoTime();
            ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(env);
            int exit = pb.start().waitFor();
            double s = (System.nanoTime() - t0) / 1e9;
            long kb = -1;
            double cpu = -1;
            if (time) {
                String[] f = Files.readString(stats, StandardCharsets.UTF_8).trim().lines().reduce((a, b) -> b)
                        .orElse("-1 -1 0").trim().split(" ");
                kb = Long.parseLong(f[0]);
                cpu = Double.parseDouble(f[1]) + Double.parseDouble(f[2]);
                leastCpu = leastCpu < 0 ? cpu : Math.min(leastCpu, cpu);
            }
            Files.deleteIfExists(stats);
            if (best == null || s < best.seconds) {
                best = new Result(s, cpu, kb, exit);
            }
        }
        return new Result(best.seconds, leastCpu, best.peakKb, best.exit);
    }
}
