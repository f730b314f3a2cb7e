package dev.migrationstrategist.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Fault-injection hook for tests (the kill tests, issue 9), not a feature: apply and rollback call it right before
 * and right after every statement that changes the database (each schema statement, a transactional step's COMMIT,
 * each backfill batch, each state-table write that records progress, each rollback statement), so a test can
 * SIGKILL the process at exactly one of those boundaries.
 *
 * <p>Driven by the environment variable {@value #ENV}, read once. Unset (production), every call returns at once
 * after one null check and builds no label. Otherwise its value is entries separated by {@code ;}:
 * <ul>
 * <li>{@code list}: print {@code STRATEGIST-FAULT-POINT at N LABEL} on stderr at every point and go on (a test
 * enumerates the boundaries of a plan this way);</li>
 * <li>{@code boundary=N}: at the Nth point of this process (1-based, in execution order) print
 * {@code STRATEGIST-FAULT-POINT reached N LABEL} and block forever;</li>
 * <li>{@code LABEL}: the same at the first point with exactly this label;</li>
 * <li>{@code pause@LABEL}: at that point print {@code STRATEGIST-FAULT-POINT paused N LABEL}, wait for one line on
 * stdin, go on (a test takes a lock meanwhile, so that the next statement waits for it).</li>
 * </ul>
 * Labels: {@code step=S,stmt=I,when=before|after} (statement I, 1-based, of schema step S as it runs, the lock
 * timeout statement included); {@code step=S,commit,when=...} (a transactional step's COMMIT);
 * {@code step=S,batch=B,when=...} (backfill batch B of this run: before its transaction, after its COMMIT);
 * {@code step=S,state=WHAT,when=...} (a state-table write: {@code status=running}, {@code statements_done=2},
 * {@code checkpoint}, ...; {@code step=0,state=register} registers the plan); {@code rollback,step=S,stmt=I,when=...}.
 * A label met again in the same process (a statement retried after a lock timeout, a second backfill pass) gets
 * {@code #2}, {@code #3}, ... appended.
 */
public final class FaultPoint {
    public static final String ENV = "STRATEGIST_FAULT_POINT";
    public static final String MARKER = "STRATEGIST-FAULT-POINT";
    private static final String SPEC = System.getenv(ENV);
    private static final Map<String, Integer> SEEN = new HashMap<>();
    private static int count;

    private FaultPoint() {
    }

    static void statement(int step, int statement, boolean after) {
        if (SPEC != null) {
            reached("step=" + step + ",stmt=" + statement + when(after));
        }
    }

    static void commit(int step, boolean after) {
        if (SPEC != null) {
            reached("step=" + step + ",commit" + when(after));
        }
    }

    static void batch(int step, int batch, boolean after) {
        if (SPEC != null) {
            reached("step=" + step + ",batch=" + batch + when(after));
        }
    }

    /** {@code what}: a short name, or the SET list of the state-table UPDATE (its first assignment names it). */
    static void state(String what, int step, boolean after) {
        if (SPEC != null) {
            String name = what.split(",")[0].replaceAll("[\\s']", "");
            reached("step=" + step + ",state=" + name + when(after));
        }
    }

    static void rollback(int step, int statement, boolean after) {
        if (SPEC != null) {
            reached("rollback,step=" + step + ",stmt=" + statement + when(after));
        }
    }

    private static String when(boolean after) {
        return after ? ",when=after" : ",when=before";
    }

    private static synchronized void reached(String base) {
        int seen = SEEN.merge(base, 1, Integer::sum);
        String label = seen == 1 ? base : base + "#" + seen;
        int n = ++count;
        boolean stop = false;
        boolean pause = false;
        for (String entry : SPEC.split(";")) {
            String e = entry.trim();
            if (e.equals("list")) {
                System.err.println(MARKER + " at " + n + " " + label);
            } else if (e.equals("boundary=" + n) || e.equals(label)) {
                stop = true;
            } else if (e.equals("pause@" + label)) {
                pause = true;
            }
        }
        if (pause) {
            System.err.println(MARKER + " paused " + n + " " + label);
            System.err.flush();
            try {
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                // stdin gone: go on
            }
        }
        if (stop) {
            System.err.println(MARKER + " reached " + n + " " + label);
            System.err.flush();
            while (true) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    // stay here until killed
                }
            }
        }
    }
}
