package dev.migrationstrategist.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Where every plan applied to a database stands ({@link Operator#status()}). Times come from the database server's
 * clock (the state tables are written with {@code CURRENT_TIMESTAMP(6)}), as instants shown with their offset;
 * a duration is that of a finished run (finished minus started, both the server's), in milliseconds.
 *
 * @param database the database, its password masked
 * @param plans    newest first; empty when no plan has been applied (or the state tables do not exist)
 */
public record StatusReport(String database, List<PlanStatus> plans) {
    /** ISO-8601 with milliseconds and the offset: {@code 2026-12-07T03:50:12.123+01:00}. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
            Locale.ROOT);

    public StatusReport {
        plans = List.copyOf(plans);
    }

    /** One plan and its steps. */
    public record PlanStatus(String planId, String source, String dialect, int stepCount,
                             OffsetDateTime firstApplied, List<StepStatus> steps) {
        public PlanStatus {
            steps = List.copyOf(steps);
        }
    }

    /**
     * One step of a plan, as the state table records it.
     *
     * @param status         {@code pending}, {@code running}, {@code done}, {@code passed} (a release gate passed),
     *                       {@code failed} or {@code rolled_back}
     * @param startedAt      when it first started; null if never
     * @param finishedAt     when it finished (done, passed); null otherwise
     * @param rolledBackAt   when it was rolled back; null unless {@code rolled_back}
     * @param durationMillis finished minus started, for a finished step; null otherwise (a rolled-back step has
     *                       none: its record keeps when it was undone, not how long its run took)
     */
    public record StepStatus(int step, String phase, String title, String status, int attempts,
                             OffsetDateTime startedAt, OffsetDateTime finishedAt, OffsetDateTime rolledBackAt,
                             Long durationMillis, long rowsDone, String checkpoint, String message) {
        public boolean rolledBack() {
            return "rolled_back".equals(status);
        }
    }

    /** The report for a terminal or a log: one line per plan, one per step. */
    public String text() {
        StringBuilder out = new StringBuilder();
        if (plans.isEmpty()) {
            return "no plan has been applied to " + database + "\n";
        }
        for (PlanStatus p : plans) {
            out.append("plan ").append(p.planId()).append(" (").append(p.dialect()).append(", ")
                    .append(p.stepCount()).append(" steps, first applied ").append(time(p.firstApplied()))
                    .append(", from ").append(p.source()).append(")\n");
            for (StepStatus s : p.steps()) {
                String timing;
                if (s.rolledBack()) {
                    timing = s.rolledBackAt() == null ? "" : "  rolled back at " + time(s.rolledBackAt());
                } else if (s.durationMillis() != null) {
                    timing = "  " + String.format(Locale.ROOT, "%,d", s.durationMillis()) + " ms (started "
                            + time(s.startedAt()) + ")";
                } else if (s.startedAt() != null) {
                    timing = "  started " + time(s.startedAt());
                } else {
                    timing = "";
                }
                out.append(String.format(Locale.ROOT, "  %2d  %-14s %-12s %s%s%s%n", s.step(), s.phase(),
                        s.status(), s.title(), timing, s.rowsDone() > 0
                                ? "  rows " + s.rowsDone() + " (last key " + s.checkpoint() + ")" : ""));
                if (s.message() != null) {
                    out.append("      ").append(s.message()).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** The report as JSON: {@code database}, {@code plans[]} with their {@code steps[]}; times ISO-8601 with offset. */
    public String json() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("database", database);
        ArrayNode list = root.putArray("plans");
        for (PlanStatus p : plans) {
            ObjectNode pn = list.addObject();
            pn.put("plan_id", p.planId());
            pn.put("source", p.source());
            pn.put("dialect", p.dialect());
            pn.put("step_count", p.stepCount());
            pn.put("first_applied", time(p.firstApplied()));
            ArrayNode steps = pn.putArray("steps");
            for (StepStatus s : p.steps()) {
                ObjectNode sn = steps.addObject();
                sn.put("step", s.step());
                sn.put("phase", s.phase());
                sn.put("title", s.title());
                sn.put("status", s.status());
                sn.put("attempts", s.attempts());
                sn.put("started_at", time(s.startedAt()));
                sn.put("finished_at", time(s.finishedAt()));
                sn.put("rolled_back_at", time(s.rolledBackAt()));
                if (s.durationMillis() == null) {
                    sn.putNull("duration_ms");
                } else {
                    sn.put("duration_ms", s.durationMillis());
                }
                sn.put("rows_done", s.rowsDone());
                sn.put("checkpoint", s.checkpoint());
                sn.put("message", s.message());
            }
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String time(OffsetDateTime t) {
        return t == null ? null : TIME.format(t);
    }
}
