package dev.migrationstrategist.db.kill;

import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.db.FaultPoint;
import dev.migrationstrategist.db.PlanFile;
import dev.migrationstrategist.db.SchemaMatch;
import dev.migrationstrategist.plan.AppReleaseStep;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.testing.PlanExecution;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.fail;

/**
 * Kill tests at every statement boundary (issue 9). For one scenario on one engine:
 * <ol>
 * <li>plans the change with the library and splits the plan into the runs an operator makes: one {@code apply
 * --through <release>} per application release (it stops at that release), then {@code apply --through contract
 * --confirm-contract};</li>
 * <li>the enumeration (also the baseline): every run as a JVM of its own with {@code STRATEGIST_FAULT_POINT=list},
 * on a fresh State A with rows and the application writing, collecting every boundary label per run;</li>
 * <li>for each boundary: a fresh State A with rows and the application writing (each release deployed instance by
 * instance once apply stops at it), the runs before it, then the run that holds the boundary as a JVM of its own
 * with the fault point set; at the marker line it gets SIGKILL (exit 137 checked), the server must drop its sessions,
 * then apply is run again, without the fault point, until it completes, and the remaining runs follow;</li>
 * <li>then: the application's statements never failed unless the plan announces it; every seeded row and every write
 * the application saw commit is in State B with its value (no row lost, none wrong, none extra); the catalog is the
 * plan's State B with no trigger, function, INVALID index or NOT VALID constraint left; every step is recorded done;
 * every apply after the kill exited 0 (no hand repair: nothing but apply touches the schema).</li>
 * </ol>
 * The lock-wait variant kills apply instead while a statement (or a backfill batch) waits for locks another session
 * holds ({@link LockHolder}), then releases them: the server may finish the statement after the client is gone.
 *
 * <p>System properties: {@code killtest.points} (ordinals of the enumerated boundaries, e.g. {@code 1-5,9});
 * {@code killtest.match} (a regex over {@code s<run>:<label>}, e.g. {@code step=4,stmt=2}); {@code killtest.rows}
 * (seeded rows, default 2200: five backfill batches of 500); {@code killtest.fork=all} (also the runs that are not killed in JVMs of their own;
 * by default they run in-process). Reports go to {@code target/killtest/} and stdout.
 */
final class KillHarness {
    static final String DEFAULT_ROWS = "2200";
    static final List<String> APPLY_OPTIONS = List.of("--batch-size", "500", "--batch-target", "0ms", "--pause",
            "5ms");
    private static final long RUN_TIMEOUT = 180_000;
    private static final Pattern LOCKABLE = Pattern.compile("(rollback,)?step=\\d+,(stmt|batch)=\\d+,when=before");

    enum Outcome { PASS, FAIL, NOT_REACHED, NOT_APPLICABLE }

    /**
     * One run of the operator's sequence: {@code args} start with the command ({@code apply}, {@code rollback});
     * {@code expect}: the line prefixes (separated by {@code |}) that say it stopped where it should; {@code stopAt}:
     * a fault point where this run is killed on purpose, every time, before the kill test proper (the rollback
     * variant stops apply right before the plan's first irreversible step); {@code killable}: its boundaries are the
     * ones the test kills at.
     */
    record Stage(int index, List<String> args, String expect, String deployAfter, String stopAt, boolean killable) {
        boolean expected(String line) {
            return Arrays.stream(expect.split("\\|")).anyMatch(line::startsWith);
        }
    }

    /** A boundary: the run it belongs to and its label there. */
    record Point(int ordinal, int stage, String label) {
        String id() {
            return "s" + stage + ":" + label;
        }
    }

    record Result(Point point, Outcome outcome, List<String> failures, List<String> notes, long millis) {
    }

    private final KillScenario scenario;
    private final boolean pg;
    private final String engine;
    private final int rows = Integer.parseInt(System.getProperty("killtest.rows", DEFAULT_ROWS));
    private final Path plan;
    private final Schema stateB;
    private final Schema stateA;
    private final boolean rollback;
    private final List<Stage> stages = new ArrayList<>();

    KillHarness(KillScenario scenario, String engine) throws IOException {
        this(scenario, engine, false);
    }

    /**
     * The rollback variant: apply runs up to the plan's first irreversible step (the last run is stopped right before
     * it), the application is rolled back to v1.0 (instance by instance), then {@code rollback --app-rolled-back}
     * is the run killed at each of its boundaries and rerun until it completes. The checks are State A's: every
     * seeded row and every write the application saw commit (by any version) in State A's columns, State A's catalog,
     * every step rolled back, v1.0's writes never failing.
     */
    static KillHarness rollback(KillScenario scenario, String engine) throws IOException {
        return new KillHarness(scenario, engine, true);
    }

    private KillHarness(KillScenario scenario, String engine, boolean rollback) throws IOException {
        this.scenario = scenario;
        this.engine = engine;
        this.rollback = rollback;
        this.pg = engine.equals("postgresql");
        var configured = Strategist.configure().dialect(pg ? "postgresql:15" : "mariadb:10.11")
                .schemaSql(scenario.schema(pg));
        for (var size : scenario.sizes(pg, rows).entrySet()) {
            configured = configured.rows(size.getKey(), size.getValue());
        }
        PlanResult planned = configured.load().plan(scenario.change(pg));
        Path dir = Files.createTempDirectory("kill-" + scenario.name());
        planned.write(dir);
        this.plan = dir.resolve(PlanResult.JSON_FILE);
        this.stateB = planned.plan().after();
        this.stateA = planned.plan().before();
        PlanFile file = PlanFile.read(plan);
        for (var step : file.steps()) {
            if (step instanceof AppReleaseStep r) {
                List<String> args = new ArrayList<>(List.of("apply", "--through", r.phase().jsonName()));
                args.addAll(APPLY_OPTIONS);
                stages.add(new Stage(stages.size() + 1, args, "next: deploy " + r.appVersion(), r.appVersion(), null,
                        !rollback));
            }
        }
        List<String> last = new ArrayList<>(List.of("apply", "--through", "contract", "--confirm-contract"));
        last.addAll(APPLY_OPTIONS);
        if (!rollback) {
            stages.add(new Stage(stages.size() + 1, last, "done: every step of plan", null, null, true));
            return;
        }
        int irreversible = file.steps().stream().filter(st -> st.rollback().irreversible()).mapToInt(st -> st.number())
                .min().orElseThrow(() -> new IllegalStateException(scenario + ": no irreversible step to stop at"));
        stages.add(new Stage(stages.size() + 1, last, "", "v1.0", "step=" + irreversible
                + ",state=status=running,when=before", false));
        stages.add(new Stage(stages.size() + 1, List.of("rollback", "--app-rolled-back"),
                "rolled back steps|nothing rolled back", null, null, true));
    }

    /** Kills apply at every boundary (or those selected) and checks each time. */
    void killAtEveryBoundary() throws Exception {
        long t0 = System.currentTimeMillis();
        List<Result> results = new ArrayList<>();
        Enumeration en = enumerate();
        results.add(en.baseline());
        for (Point p : select(en.points())) {
            results.add(execute(p, false));
            System.out.println(line(results.get(results.size() - 1)));
        }
        report("kill at every boundary", results, en.points().size(), t0);
    }

    /** Kills apply while a statement waits for locks held by another session, at every statement that can. */
    void killWhileWaitingForLock() throws Exception {
        long t0 = System.currentTimeMillis();
        List<Result> results = new ArrayList<>();
        Enumeration en = enumerate();
        results.add(en.baseline());
        List<Point> candidates = en.points().stream().filter(p -> LOCKABLE.matcher(p.label()).matches()).toList();
        for (Point p : select(candidates)) {
            results.add(execute(p, true));
            System.out.println(line(results.get(results.size() - 1)));
        }
        report("kill while waiting for a lock", results, candidates.size(), t0);
    }

    private record Enumeration(List<Point> points, Result baseline) {
    }

    private Enumeration enumerate() throws Exception {
        List<Point> points = new ArrayList<>();
        Result baseline = execute(null, false, points);
        System.out.println(line(baseline));
        System.out.println("[kill test] " + scenario.name() + " on " + engine + ": " + points.size()
                + " boundaries in " + stages.size() + " runs");
        if (Boolean.getBoolean("killtest.list")) { // -Dkilltest.list=true: every boundary, to choose a filter
            points.forEach(p -> System.out.println("[kill test] boundary " + p.ordinal() + " " + p.id()));
        }
        return new Enumeration(points, baseline);
    }

    private List<Point> select(List<Point> all) {
        String ordinals = System.getProperty("killtest.points", "").trim();
        String match = System.getProperty("killtest.match", "").trim();
        Set<Integer> chosen = new HashSet<>();
        if (!ordinals.isEmpty()) {
            for (String part : ordinals.split(",")) {
                String[] range = part.trim().split("-");
                int from = Integer.parseInt(range[0].trim());
                int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
                for (int i = from; i <= to; i++) {
                    chosen.add(i);
                }
            }
        }
        Pattern regex = match.isEmpty() ? null : Pattern.compile(match);
        return all.stream().filter(p -> ordinals.isEmpty() || chosen.contains(p.ordinal()))
                .filter(p -> regex == null || regex.matcher(p.id()).find()).toList();
    }

    private Result execute(Point point, boolean lockWait) throws Exception {
        return execute(point, lockWait, null);
    }

    /** A run that stops early without the end checks (the boundary does not apply, or was not reached). */
    private static final class Stop extends Exception {
        final Outcome outcome;

        Stop(Outcome outcome, String message) {
            super(message);
            this.outcome = outcome;
        }
    }

    /**
     * One pass of the whole sequence on a fresh State A: killed at {@code point} (or, with {@code lockWait}, while
     * the statement after it waits for a lock), or none when {@code enumerate} collects the boundaries.
     */
    private Result execute(Point point, boolean lockWait, List<Point> enumerate) throws Exception {
        long t0 = System.currentTimeMillis();
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Outcome outcome = null;
        try (TestDatabase tdb = pg ? TestDatabases.postgres("kill_") : TestDatabases.mariadb("kill_");
             KillDb db = new KillDb(tdb)) {
            try {
                for (String ddl : scenario.schema(pg).split(";\\s*\\n")) {
                    if (!ddl.isBlank()) {
                        tdb.execute(ddl.trim());
                    }
                }
                scenario.seed(tdb, rows);
            } catch (RuntimeException e) {
                dropOtherSchemas(tdb);
                throw e;
            }
            AppWriter app = new AppWriter(scenario, tdb, rows);
            try {
                app.start("v1.0");
                db.harness(app.connectionIds());
                Thread.sleep(100);
                boolean completed = true;
                for (Stage s : stages) {
                    if (!runStage(db, s, point, lockWait, enumerate, failures, notes)) {
                        completed = false;
                        break;
                    }
                    if (s.deployAfter() != null) {
                        app.deploy(s.deployAfter());
                    }
                }
                Thread.sleep(100);
                app.close();
                if (completed && !rollback && Boolean.getBoolean("killtest.selfcheck")) {
                    sabotage(tdb, notes);
                }
                writerChecks(app, failures, notes);
                if (completed) {
                    endChecks(tdb, app.ledger(), failures);
                }
            } finally {
                app.close();
                dropOtherSchemas(tdb);
            }
        } catch (Stop stop) {
            outcome = stop.outcome;
            notes.add(stop.getMessage());
        }
        if (outcome == null) {
            outcome = failures.isEmpty() ? Outcome.PASS : Outcome.FAIL;
            if (outcome == Outcome.PASS && notes.stream().anyMatch(n -> n.startsWith("not reached"))) {
                outcome = Outcome.NOT_REACHED;
            }
        }
        Point shown = point != null ? point : new Point(0, 0, enumerate != null ? "(baseline: no kill)" : "?");
        return new Result(shown, outcome, failures, notes, System.currentTimeMillis() - t0);
    }

    /** The schemas State A made besides the test's own (its own is dropped when the TestDatabase closes). */
    private void dropOtherSchemas(TestDatabase tdb) {
        for (String other : scenario.otherSchemas()) {
            tdb.execute("DROP SCHEMA IF EXISTS " + other + " CASCADE");
        }
    }

    /** Runs one stage (killing it when it holds the point); false when the sequence cannot go on. */
    private boolean runStage(KillDb db, Stage s, Point point, boolean lockWait, List<Point> enumerate,
                             List<String> failures, List<String> notes) throws Exception {
        if (s.stopAt() != null) {
            return stop(db, s, failures);
        }
        if (enumerate != null) {
            ApplyProcess p = ApplyProcess.fork(db, plan, s.args(), "list");
            int exit = p.awaitExit(RUN_TIMEOUT);
            String prefix = FaultPoint.MARKER + " at ";
            for (String l : p.lines()) {
                if (l.startsWith(prefix) && s.killable()) {
                    enumerate.add(new Point(enumerate.size() + 1, s.index(),
                            l.substring(prefix.length()).replaceFirst("^\\d+ ", "")));
                }
            }
            return expectDone(s, p, exit, "run " + s.index(), failures);
        }
        if (point == null || point.stage() != s.index()) {
            ApplyProcess p = ApplyProcess.run(db, plan, s.args(), RUN_TIMEOUT);
            return expectDone(s, p, p.exit(), "run " + s.index(), failures);
        }
        if (lockWait) {
            killWhileWaiting(db, s, point, failures, notes);
        } else {
            ApplyProcess p = ApplyProcess.fork(db, plan, s.args(), "list;" + point.label());
            try {
                String reached = p.awaitMarker("reached", List.of(point.label()), RUN_TIMEOUT);
                if (reached == null) {
                    if (p.alive()) {
                        failures.add("harness: no marker within " + RUN_TIMEOUT + " ms\n" + p.log());
                        return false;
                    }
                    notes.add("not reached: the run ended without passing " + point.label());
                    return expectDone(s, p, p.exit(), "run " + s.index() + " (boundary not reached)", failures);
                }
                sigkill(p, failures);
            } finally {
                if (p.alive()) {
                    p.kill();
                }
            }
        }
        if (!db.awaitApplyGone(60_000)) {
            failures.add("harness: the killed apply's sessions are still on the server after 60 s: "
                    + db.applyActivity());
        }
        if (!failures.isEmpty()) {
            return false;
        }
        return rerunAfterKill(db, s, failures, notes);
    }

    /** A run stopped on purpose at its {@code stopAt} point (SIGKILL there), every time. */
    private boolean stop(KillDb db, Stage s, List<String> failures) throws Exception {
        ApplyProcess p = ApplyProcess.fork(db, plan, s.args(), s.stopAt());
        try {
            if (p.awaitMarker("reached", List.of(s.stopAt()), RUN_TIMEOUT) == null) {
                failures.add("run " + s.index() + " ended without reaching its stop point " + s.stopAt() + "\n"
                        + p.log());
                return false;
            }
            sigkill(p, failures);
        } finally {
            if (p.alive()) {
                p.kill();
            }
        }
        if (!db.awaitApplyGone(60_000)) {
            failures.add("harness: the stopped apply's sessions are still on the server after 60 s: "
                    + db.applyActivity());
        }
        return failures.isEmpty();
    }

    private static void sigkill(ApplyProcess p, List<String> failures) throws InterruptedException {
        int exit = p.kill();
        if (exit != ApplyProcess.SIGKILL_EXIT) {
            failures.add("harness: the killed apply exited " + exit + ", not 137 (SIGKILL)");
        }
    }

    /**
     * The lock-wait variant: pause before the statement, take the locks in another session, let apply go on; once
     * its session waits for them, SIGKILL it and release the locks.
     */
    private void killWhileWaiting(KillDb db, Stage s, Point point, List<String> failures, List<String> notes)
            throws Exception {
        String after = point.label().replace("when=before", "when=after");
        ApplyProcess p = ApplyProcess.fork(db, plan, s.args(), "list;pause@" + point.label() + ";" + after);
        LockHolder holder = null;
        try {
            if (p.awaitMarker("paused", List.of(point.label()), RUN_TIMEOUT) == null) {
                throw new Stop(Outcome.NOT_REACHED, "not reached: the run ended without passing " + point.label());
            }
            holder = LockHolder.take(db, scenario.tables(), scenario::key);
            if (holder == null) {
                p.resume();
                throw new Stop(Outcome.NOT_APPLICABLE, "n/a: apply itself holds the tables here (its open"
                        + " transaction or LOCK TABLES window): no other session can make this statement wait");
            }
            p.resume();
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline) {
                if (db.applyWaitsFor(holder.session())) {
                    notes.add("killed while waiting: " + db.applyActivity());
                    sigkill(p, failures);
                    holder.close(); // the server may now finish the statement of the dead client
                    holder = null;
                    return;
                }
                if (p.awaitMarker("reached", List.of(after), 1) != null) {
                    throw new Stop(Outcome.NOT_APPLICABLE, "n/a: did not wait: the statement does not conflict"
                            + " with the locks held");
                }
                if (!p.alive()) {
                    throw new Stop(Outcome.NOT_APPLICABLE, "n/a: apply ended (exit " + p.exit() + ") while the"
                            + " locks were held: " + p.failureLine());
                }
                Thread.sleep(10);
            }
            failures.add("harness: apply neither waited nor went past " + point.label() + " within 20 s: "
                    + db.applyActivity() + "\n" + p.log());
        } finally {
            if (p.alive()) {
                p.kill();
            }
            if (holder != null) {
                holder.close();
            }
        }
    }

    /** Runs the killed stage again, without the fault point, until it completes (at most 3 times). */
    private boolean rerunAfterKill(KillDb db, Stage s, List<String> failures, List<String> notes)
            throws Exception {
        for (int attempt = 1; attempt <= 3; attempt++) {
            ApplyProcess p = ApplyProcess.fork(db, plan, s.args(), null);
            int exit = p.awaitExit(RUN_TIMEOUT);
            List<String> rerun = new ArrayList<>();
            if (expectDone(s, p, exit, "rerun " + attempt + " after the kill", rerun)) {
                if (attempt > 1) {
                    failures.add("rerun 1 after the kill failed; rerun " + attempt + " completed");
                }
                return true;
            }
            if (attempt == 1) {
                failures.addAll(rerun);
            } else {
                notes.add("rerun " + attempt + " failed too: " + p.failureLine());
            }
        }
        return false;
    }

    /** The run exited 0 and stopped where it should (the next release's gate, or the end). */
    private boolean expectDone(Stage s, ApplyProcess p, int exit, String what, List<String> failures) {
        boolean ok = exit == 0 && p.lines().stream().anyMatch(s::expected);
        if (!ok) {
            failures.add(what + " exit " + exit + ": " + p.failureLine() + "\n" + p.log());
        }
        return ok;
    }

    /**
     * {@code -Dkilltest.selfcheck=true}: the harness checks itself. Before the end checks it deletes the second
     * seeded row of the scenario's first table and sets one column of the third to a value nobody wrote; every run
     * must then fail with "rows lost: 1" and "wrong values: 1".
     */
    private void sabotage(TestDatabase db, List<String> notes) {
        String[] target = scenario.selfcheck();
        db.execute("DELETE FROM " + target[0] + " WHERE " + scenario.key(target[0]) + " = 20");
        db.execute("UPDATE " + target[1] + " SET " + target[2] + " = 'sabotage' WHERE " + scenario.key(target[1])
                + " = 30");
        notes.add("selfcheck: deleted " + target[0] + ":20, set " + target[1] + "." + target[2] + " of "
                + target[1] + ":30 to 'sabotage'");
    }

    private void writerChecks(AppWriter app, List<String> failures, List<String> notes) {
        Ledger l = app.ledger();
        if (l.errorCount() > 0) {
            failures.add("writer: " + l.errorCount() + " application statements failed that the plan does not"
                    + " announce; first: " + l.errors().get(0));
        }
        if (l.writes() < 10) {
            failures.add("harness: the application wrote only " + l.writes() + " rows");
        }
        if (l.announced() > 0) {
            notes.add(l.announced() + " announced writer errors (the plan tells the app to retry them)");
        }
    }

    private void endChecks(TestDatabase db, Ledger ledger, List<String> failures) {
        // rows: every seeded row and every committed write, with its value
        Map<String, List<String>> actual = rollback ? scenario.stateARows(db) : scenario.finalRows(db);
        Schema target = rollback ? stateA : stateB;
        Map<String, List<List<Object>>> expected = new LinkedHashMap<>();
        for (String key : scenario.seededKeys(rows)) {
            expected.put(key, List.of(scenario.seeded(key, rows)));
        }
        expected.putAll(ledger.all());
        List<String> lost = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        for (Map.Entry<String, List<List<Object>>> e : expected.entrySet()) {
            List<String> row = actual.get(e.getKey());
            if (e.getValue().stream().noneMatch(want -> Ledger.matches(want, row))) {
                (row == null ? lost : wrong).add(e.getKey() + (row == null ? "" : " = " + row + ", expected "
                        + e.getValue()));
            }
        }
        for (String key : actual.keySet()) {
            if (!expected.containsKey(key)) {
                extra.add(key + " = " + actual.get(key));
            }
        }
        if (!lost.isEmpty()) {
            failures.add("rows lost: " + lost.size() + " (e.g. " + lost.subList(0, Math.min(3, lost.size())) + ")");
        }
        if (!wrong.isEmpty()) {
            failures.add("wrong values: " + wrong.size() + " rows (e.g. " + wrong.subList(0, Math.min(3,
                    wrong.size())) + ")");
        }
        if (!extra.isEmpty()) {
            failures.add("rows nobody wrote: " + extra.size() + " (e.g. " + extra.subList(0, Math.min(3,
                    extra.size())) + ")");
        }
        failures.addAll(rollback ? scenario.extraChecksAfterRollback(db) : scenario.extraChecks(db));
        // the catalog is State B
        boolean mysql = !pg;
        Schema live = catalog(db);
        Schema mine = new Schema(live.tables().stream().filter(t -> !t.name().name().toLowerCase(Locale.ROOT)
                .startsWith("strategist_")).filter(t -> t.name().schema() == null
                || scenario.otherSchemas().contains(t.name().schema())).toList(), live.enums(), live.domains());
        String got = byTable(SchemaMatch.catalog(mine, target, mysql));
        String want = byTable(SchemaMatch.model(target, mysql));
        if (rollback) {
            for (Map.Entry<String, String> e : scenario.announcedAfterRollback(pg).entrySet()) {
                want = want.replace(e.getKey(), e.getValue());
            }
        }
        if (!got.equals(want)) {
            List<String> g = Arrays.asList(got.split("\n"));
            List<String> w = Arrays.asList(want.split("\n"));
            String name = rollback ? "State A" : "State B";
            failures.add("catalog is not " + name + ": missing " + w.stream().filter(x -> !g.contains(x)).toList()
                    + ", unexpected " + g.stream().filter(x -> !w.contains(x)).toList() + "\ncatalog:\n" + got
                    + "\n" + name + ":\n" + want);
        }
        List<String> leftovers = new ArrayList<>();
        if (pg) {
            String namespaces = "(current_schema()" + scenario.otherSchemas().stream().map(o -> ", '" + o + "'")
                    .reduce("", String::concat) + ")";
            leftovers.addAll(db.column("SELECT 'trigger ' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid ="
                    + " t.tgrelid WHERE NOT t.tgisinternal AND c.relnamespace::regnamespace::text IN " + namespaces));
            leftovers.addAll(db.column("SELECT 'function ' || proname FROM pg_proc"
                    + " WHERE pronamespace::regnamespace::text IN " + namespaces));
            leftovers.addAll(db.column("SELECT 'INVALID index ' || c.relname FROM pg_index i JOIN pg_class c ON"
                    + " c.oid = i.indexrelid WHERE NOT i.indisvalid AND c.relnamespace::regnamespace::text IN"
                    + " " + namespaces));
            leftovers.addAll(db.column("SELECT 'NOT VALID constraint ' || conname FROM pg_constraint"
                    + " WHERE NOT convalidated AND connamespace::regnamespace::text IN " + namespaces));
        } else {
            leftovers.addAll(db.column("SELECT CONCAT('trigger ', trigger_name) FROM information_schema.triggers"
                    + " WHERE trigger_schema = DATABASE()"));
        }
        if (!leftovers.isEmpty()) {
            failures.add("left behind: " + leftovers);
        }
        List<String> steps = db.column("SELECT CONCAT(step, ' ', status) FROM strategist_steps"
                + (rollback ? " WHERE status NOT IN ('rolled_back', 'pending')" : " WHERE status NOT IN ('done', 'passed')")
                + " ORDER BY step");
        if (!steps.isEmpty()) {
            failures.add("state table: steps not " + (rollback ? "rolled back " : "done ") + steps);
        }
    }

    /** The live catalog: the test's schema, and the tables of every other schema when the scenario has some. */
    private Schema catalog(TestDatabase db) {
        if (scenario.otherSchemas().isEmpty()) {
            return new PlanExecution(db).catalog();
        }
        try {
            return dev.migrationstrategist.db.CatalogReader.readWithOtherSchemas(db.connection(), db.scope());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rendering with its tables in name order (the catalog lists them in its own order). */
    static String byTable(String rendered) {
        List<String> blocks = new ArrayList<>();
        for (String block : rendered.split("\n(?=table )")) {
            // a column's position is not compared (as the rehearsal's "final catalog equals State B"): a PostgreSQL
            // swap leaves the swapped column last, and applications name their columns
            List<String> lines = new ArrayList<>(block.strip().lines().toList());
            List<String> columns = new ArrayList<>(lines.stream().filter(l -> l.startsWith("  column ")).toList());
            columns.sort(null);
            int next = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("  column ")) {
                    lines.set(i, columns.get(next++));
                }
            }
            blocks.add(String.join("\n", lines));
        }
        blocks.sort(null);
        return String.join("\n", blocks);
    }

    private String line(Result r) {
        String msg = r.failures().isEmpty() ? String.join("; ", r.notes()) : r.failures().get(0);
        return String.format(Locale.ROOT, "[kill test] %s %s #%d %s %s %d ms %s", scenario.name(), engine,
                r.point().ordinal(), r.point().id(), r.outcome(), r.millis(), firstLine(msg));
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }

    /** The failure's kind: its first line with numbers and scratch names blanked. */
    static String kind(String failure) {
        return firstLine(failure).replaceAll("kill_[0-9a-f]+", "kill_*").replaceAll("\\d+", "#")
                .replaceAll("\\(e\\.g\\. .*", "");
    }

    private void report(String mode, List<Result> results, int candidates, long t0) throws IOException {
        long seconds = (System.currentTimeMillis() - t0) / 1000;
        Map<Outcome, Long> counts = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            counts.put(o, results.stream().filter(r -> r.point().ordinal() > 0 && r.outcome() == o).count());
        }
        long tried = results.stream().filter(r -> r.point().ordinal() > 0
                && (r.outcome() == Outcome.PASS || r.outcome() == Outcome.FAIL)).count();
        Map<String, List<Result>> kinds = new LinkedHashMap<>();
        for (Result r : results) {
            for (String f : r.failures()) {
                kinds.computeIfAbsent(kind(f), k -> new ArrayList<>()).add(r);
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("# ").append(scenario.name()).append(" on ").append(engine).append(": ").append(mode)
                .append(rollback ? " (rollback)" : "").append("\n\n");
        md.append("change: `").append(scenario.change(pg)).append("`, ").append(rows).append(" rows, ")
                .append(stages.size()).append(" apply runs, ").append(candidates).append(" boundaries (selected ")
                .append(results.size() - 1).append("), ").append(seconds).append(" s\n\n");
        md.append("killed and checked: ").append(tried).append(", ").append(counts).append("\n\n");
        md.append("| # | run:boundary | outcome | ms | first failure / note |\n|---|---|---|---|---|\n");
        for (Result r : results) {
            String msg = r.failures().isEmpty() ? String.join("; ", r.notes()) : r.failures().get(0);
            md.append("| ").append(r.point().ordinal()).append(" | `").append(r.point().id()).append("` | ")
                    .append(r.outcome()).append(" | ").append(r.millis()).append(" | ")
                    .append(firstLine(msg).replace("|", "\\|")).append(" |\n");
        }
        md.append("\n## Failure kinds\n\n");
        for (Map.Entry<String, List<Result>> k : kinds.entrySet()) {
            md.append("- ").append(k.getValue().size()).append(" x `").append(k.getKey()).append("` at ")
                    .append(k.getValue().stream().map(r -> "#" + r.point().ordinal()).distinct().toList())
                    .append("\n");
        }
        md.append("\n## Details of failures\n\n");
        for (Result r : results) {
            if (!r.failures().isEmpty()) {
                md.append("### #").append(r.point().ordinal()).append(" ").append(r.point().id()).append("\n\n```\n");
                r.failures().forEach(f -> md.append(f).append('\n'));
                r.notes().forEach(n -> md.append("note: ").append(n).append('\n'));
                md.append("```\n\n");
            }
        }
        Path dir = Path.of("target", "killtest");
        Files.createDirectories(dir);
        String file = scenario.name() + "-" + engine + (rollback ? "-rollback" : "") + (mode.contains("lock")
                ? "-lockwait" : "") + ".md";
        Files.writeString(dir.resolve(file), md.toString());
        String summary = String.format(Locale.ROOT, "[kill test] SUMMARY %s %s %s: baseline %s, %d boundaries, %d"
                        + " selected, %d killed and checked, %s, %d s; report target/killtest/%s", scenario.name(),
                engine, mode + (rollback ? " (rollback)" : ""), results.get(0).outcome(), candidates, results.size() - 1, tried, counts, seconds, file);
        System.out.println(summary);
        List<Result> failed = results.stream().filter(r -> r.outcome() == Outcome.FAIL).toList();
        if (!failed.isEmpty()) {
            StringBuilder sb = new StringBuilder(summary).append("\n").append(failed.size())
                    .append(" failed; kinds:\n");
            kinds.forEach((k, rs) -> sb.append("  ").append(rs.size()).append(" x ").append(k).append("\n"));
            fail(sb.toString());
        }
    }
}
