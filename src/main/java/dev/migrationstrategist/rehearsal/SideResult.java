package dev.migrationstrategist.rehearsal;

import java.util.List;

/**
 * One side of the rehearsal: the plan run step by step, or the naive statements run as given.
 *
 * @param namespace the scratch schema (PostgreSQL) or database (MySQL/MariaDB) it ran in; null when not run
 * @param note      why the side was not rehearsed, or what happened to its statements; null when nothing to say
 * @param statements for the naive side: each statement with how long it took and how it ended
 * @param series    the same operations and lock waits over time, with the phases as intervals
 */
public record SideResult(String side, String namespace, List<PhaseStats> phases, List<Invariant> checks,
                         List<String> statements, String note, TimeSeries series) {
    public SideResult {
        phases = List.copyOf(phases);
        checks = List.copyOf(checks);
        statements = List.copyOf(statements);
        series = series == null ? TimeSeries.NONE : series;
    }

    public SideResult(String side, String namespace, List<PhaseStats> phases, List<Invariant> checks,
                      List<String> statements, String note) {
        this(side, namespace, phases, checks, statements, note, TimeSeries.NONE);
    }

    static SideResult notRun(String side, String note) {
        return new SideResult(side, null, List.of(), List.of(), List.of(), note);
    }

    public boolean ran() {
        return namespace != null;
    }

    public boolean passed() {
        return checks.stream().allMatch(Invariant::passed);
    }

    public long errors() {
        return phases.stream().mapToLong(PhaseStats::errorCount).sum();
    }

    public long operations() {
        return phases.stream().mapToLong(PhaseStats::ops).sum();
    }

    /** The distinct SQLSTATEs of the client errors, over all phases. */
    public List<String> sqlStates() {
        return phases.stream().flatMap(p -> p.sqlStates().stream()).distinct().sorted().toList();
    }
}
