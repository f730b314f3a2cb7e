package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.db.CatalogReader;
import dev.migrationstrategist.db.SchemaMatch;
import dev.migrationstrategist.db.StateStore;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The invariants of a side, from what the clients saw and what the scratch namespace holds at the end: no client
 * error, reads saw the last write, no lost or wrong write (every row a client wrote, read through the final
 * version's columns, holds the last value written; every inserted row is there), no client waited longer than the
 * lock timeout + 1 s, and the catalog equals State B.
 */
final class Verdict {
    static final long WAIT_SLACK_MS = 1_000;

    private Verdict() {
    }

    static Invariant noErrors(List<PhaseStats> phases) {
        long ops = phases.stream().mapToLong(PhaseStats::ops).sum();
        long errors = phases.stream().mapToLong(p -> p.errorCount() - p.staleReads()).sum();
        String states = phases.stream().flatMap(p -> p.errors().keySet().stream())
                .filter(k -> !k.startsWith("STALE")).map(k -> k.split(" ", 2)[0]).distinct().sorted()
                .collect(Collectors.joining(", "));
        long rePrepared = phases.stream().mapToLong(PhaseStats::rePrepares).sum();
        return new Invariant("zero client errors", errors == 0, String.format(java.util.Locale.US,
                "%,d errors in %,d operations%s%s", errors, ops, states.isEmpty() ? "" : " (SQLSTATE " + states + ")",
                rePrepared == 0 ? "" : String.format(java.util.Locale.US, "; %,d reads re-prepared once after the"
                        + " result type changed, as the release tells the app to", rePrepared)));
    }

    static Invariant readsSawLastWrite(List<PhaseStats> phases) {
        long stale = phases.stream().mapToLong(PhaseStats::staleReads).sum();
        return new Invariant("reads return the last write", stale == 0,
                String.format(java.util.Locale.US, "%,d stale or missing reads", stale));
    }

    static Invariant longestWait(List<PhaseStats> phases, long lockTimeoutMs) {
        double max = phases.stream().mapToDouble(PhaseStats::maxMs).max().orElse(0);
        long limit = lockTimeoutMs + WAIT_SLACK_MS;
        return new Invariant("longest client wait <= lock timeout + 1 s", max <= limit,
                String.format(java.util.Locale.US, "longest %.0f ms, limit %,d ms", max, limit));
    }

    /**
     * Reads every row the clients wrote back through {@code last}'s columns (each table of an entity by its key)
     * and compares with {@link Expected}.
     */
    static Invariant writes(Connection c, Dialect dialect, AppVersion last, List<Ident> tables, Expected expected)
            throws SQLException {
        long checked = 0;
        long wrong = 0;
        long missing = 0;
        List<String> samples = new ArrayList<>();
        for (Ident t : tables) {
            AppVersion.Shape s = last.shape(t);
            if (s == null || !s.keyed()) {
                continue; // the final version no longer uses the table, or it is a log nobody reads back
            }
            Map<String, Map<String, String>> actual = new HashMap<>();
            java.util.Set<String> present = new java.util.HashSet<>();
            for (Map.Entry<Ident, List<AppVersion.Use>> g : AppVersion.Shape.byTable(s.table(), s.reads())
                    .entrySet()) {
                boolean home = g.getKey().sameAs(s.table());
                List<AppVersion.Use> cols = g.getValue();
                if (cols.isEmpty() && !home) {
                    continue;
                }
                List<Ident> keyCols = s.keyColumns(g.getKey());
                String sql = "SELECT " + dialect.quoteAll(keyCols) + cols.stream()
                        .map(u -> ", " + dialect.quote(u.column())).collect(Collectors.joining()) + " FROM "
                        + dialect.quote(g.getKey());
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        StringBuilder key = new StringBuilder();
                        for (int i = 0; i < s.key().size(); i++) {
                            key.append(s.key().get(i).type().read(rs, i + 1)).append('\u0001');
                        }
                        Map<String, String> row = actual.computeIfAbsent(key.toString(), k -> new HashMap<>());
                        for (int i = 0; i < cols.size(); i++) {
                            AppVersion.Use u = cols.get(i);
                            row.putIfAbsent(u.field().id(), u.field().type().read(rs, keyCols.size() + i + 1));
                        }
                        if (home) {
                            present.add(key.toString());
                        }
                    }
                }
            }
            for (Map.Entry<Long, Map<String, String>> e : expected.rows(t).entrySet()) {
                String key = keyOf(s, e.getKey());
                Map<String, String> row = actual.get(key);
                if (!present.contains(key)) {
                    missing++;
                    sample(samples, s.table() + " row " + e.getKey() + " is missing");
                    continue;
                }
                for (Map.Entry<String, String> f : e.getValue().entrySet()) {
                    if (!row.containsKey(f.getKey())) {
                        continue; // the final version no longer reads this field
                    }
                    checked++;
                    if (!f.getValue().equals(row.get(f.getKey()))) {
                        wrong++;
                        sample(samples, s.table() + " row " + e.getKey() + " " + f.getKey() + ": expected "
                                + f.getValue() + ", found " + row.get(f.getKey()));
                    }
                }
            }
            for (Long id : expected.insertedRows(t)) {
                if (!present.contains(keyOf(s, id)) && !expected.knows(t, id)) {
                    missing++;
                }
            }
        }
        return new Invariant("no lost or wrong write", wrong == 0 && missing == 0, String.format(java.util.Locale.US,
                "%,d values checked through %s's columns, %,d wrong, %,d rows missing%s", checked, last.name(), wrong,
                missing, samples.isEmpty() ? "" : "; e.g. " + String.join("; ", samples)));
    }

    /** The key of row {@code id}, spelled as {@link ValueType#read} spells the key columns read back. */
    private static String keyOf(AppVersion.Shape s, long id) {
        StringBuilder key = new StringBuilder();
        for (Field f : s.key()) {
            key.append(f.type().canonical(f.keyValue(id))).append('\u0001');
        }
        return key.toString();
    }

    /**
     * Each table's lines sorted, and the tables in name order: the comparison without column or table order (a
     * State A from pg_dump lists tables by name, the scratch creates parents before their children).
     */
    static String sortedByTable(String rendered) {
        List<String> blocks = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (String line : rendered.lines().toList()) {
            if (line.startsWith("table ") && !block.isEmpty()) {
                block.sort(null);
                blocks.add(String.join("\n", block));
                block.clear();
            }
            block.add(line);
        }
        block.sort(null);
        blocks.add(String.join("\n", block));
        blocks.sort(null);
        return String.join("\n", blocks);
    }

    private static void sample(List<String> samples, String s) {
        if (samples.size() < 3) {
            samples.add(s);
        }
    }

    /** The live catalog of the namespace (without apply's state tables) equals {@code stateB}. */
    static Invariant catalog(Connection c, Dialect dialect, String namespace, Schema stateB) throws SQLException {
        Schema live = CatalogReader.read(c, namespace);
        live = new Schema(live.tables().stream().filter(t -> !t.name().sameAs(Ident.of(StateStore.PLANS_TABLE))
                && !t.name().sameAs(Ident.of(StateStore.STEPS_TABLE))
                && !t.name().sameAs(Ident.of(StateStore.OBJECTS_TABLE))
                && !t.name().sameAs(Ident.of(StateStore.PROBE_TABLE))).toList(), live.enums(), live.domains());
        boolean mysql = !(dialect instanceof PostgresDialect);
        String want = SchemaMatch.model(stateB, mysql);
        String got = SchemaMatch.catalog(live, stateB, mysql);
        if (want.equals(got)) {
            return new Invariant("final catalog equals State B", true, want.lines().count() + " lines of"
                    + " tables, columns, constraints and indexes match");
        }
        if (sortedByTable(want).equals(sortedByTable(got))) {
            return new Invariant("final catalog equals State B", true, want.lines().count() + " lines of"
                    + " tables, columns, constraints and indexes match; the table or column order differs (not"
                    + " compared: applications name their tables and columns)");
        }
        List<String> w = want.lines().toList();
        List<String> g = got.lines().toList();
        String first = w.stream().filter(l -> !g.contains(l)).findFirst().map(l -> "expected `" + l.trim() + "`")
                .orElse("") + g.stream().filter(l -> !w.contains(l)).findFirst().map(l -> " found `" + l.trim() + "`")
                .orElse("");
        if (first.isEmpty()) {
            first = "the same lines in another order (columns in another position)";
        }
        return new Invariant("final catalog equals State B", false, "differs: " + first.trim());
    }
}
