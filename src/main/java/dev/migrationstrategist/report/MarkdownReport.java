package dev.migrationstrategist.report;

import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.plan.AppReleaseStep;
import dev.migrationstrategist.plan.BackfillStep;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.RollbackScenario;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.plan.SyncMode;

import dev.migrationstrategist.statement.Fact;
import dev.migrationstrategist.statement.Guarded;
import dev.migrationstrategist.statement.Rendered;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The human-readable plan in the seed's heading style: a table of app versions against database states, the
 * numbered timeline with {@code SQL:} and {@code Action:} lines, the rollback strategy and the guardrails.
 */
public final class MarkdownReport {

    public String render(Plan plan) {
        StringBuilder md = new StringBuilder();
        md.append("# Migration Strategist Report\n\n");
        md.append("- **Changes:** ").append(plan.changes().stream().map(Change::describe)
                .map(MarkdownReport::code).collect(Collectors.joining(", "))).append('\n');
        md.append("- **Database:** ").append(plan.dialect().displayName()).append(" (`--dialect ")
                .append(plan.dialect().spec()).append("`)\n");
        md.append("- **Table sizes:** ").append(plan.tables().isEmpty() ? "no table is changed directly (a type-level change)"
                : plan.tables().stream().map(t -> sizeOf(plan, t)).collect(Collectors.joining(", "))).append('\n');
        if (keepsTwoShapes(plan)) {
            md.append("- **Keeping old and new in sync:** ").append(plan.options().sync() == SyncMode.TRIGGER
                    ? "a database trigger installed at the expand and dropped at the contract (`--sync trigger`, the"
                      + " default): every write by any app version reaches both columns, so every rollback is safe"
                    : "the application (`--sync app`): each release writes both columns until the last release"
                    + " before the contract stops writing the old one")
                    .append('\n');
        }
        md.append("- **Lock timeout:** ").append(plan.options().lockTimeout().toMillis()).append(" ms before every"
                + " statement that waits for a blocking lock; retry on timeout\n\n");

        md.append("## Application Code states vs Database changes\n\n");
        md.append("| Step | Phase | Application version running | Database state after the step |\n");
        md.append("|---|---|---|---|\n");
        String running = "v" + plan.options().appVersion();
        String state = "State A";
        for (Step s : plan.steps()) {
            String app;
            if (s instanceof AppReleaseStep release) {
                app = running + " → " + release.appVersion() + " (rolling deploy; both run)";
                running = release.appVersion();
            } else {
                app = running;
                if (s.stateAfter() != null) {
                    state = s.stateAfter();
                }
            }
            md.append("| ").append(s.number()).append(" | ").append(s.phase().jsonName()).append(" | ").append(app)
                    .append(" | ").append(s instanceof AppReleaseStep ? "unchanged" : state.replace("|", "\\|"))
                    .append(" |\n");
        }
        md.append('\n');

        md.append("## Timeline\n\n");
        for (Step s : plan.steps()) {
            step(md, s, plan.dialect());
        }

        md.append("## Rollback Strategy\n\n");
        for (RollbackScenario r : plan.rollbackStrategy()) {
            Step s = plan.steps().get(r.ifStepFails() - 1);
            md.append("- **If Step ").append(r.ifStepFails()).append(" (")
                    .append(s instanceof AppReleaseStep app ? app.appVersion() : s.title()).append(") fails:** ")
                    .append(r.action());
            if (r.safeBecause() != null) {
                md.append(" Safe because ").append(r.safeBecause()).append('.');
            }
            md.append('\n');
        }
        md.append('\n');

        md.append("## Guardrails\n\n");
        if (plan.findings().isEmpty()) {
            md.append("No findings.\n");
        }
        for (Finding f : plan.findings()) {
            md.append("- **").append(f.rule()).append("** (").append(f.severity().jsonName());
            if (f.table() != null) {
                md.append(", ").append(code(f.table()));
            }
            if (f.location() != null) {
                md.append(", ").append(f.location());
            }
            md.append("): ").append(f.message()).append('\n');
            md.append("  - Safe alternative: ").append(f.safeAlternative()).append('\n');
        }
        return md.toString();
    }

    private void step(StringBuilder md, Step s, dev.migrationstrategist.dialect.Dialect dialect) {
        md.append("### ").append(emoji(s.phase())).append(" Step ").append(s.number()).append(": ").append(s.title())
                .append("\n");
        for (String b : s.bullets()) {
            md.append("- ").append(b).append('\n');
        }
        if (s instanceof SchemaStep schema) {
            if (schema.verifySql() != null) {
                sqlLine(md, "Verify first (must return 0)", schema.verifySql());
            }
            for (Rendered r : schema.statements()) {
                sqlLine(md, label(r), r.sql());
            }
            md.append("- Lock: ").append(schema.lock());
            if (!schema.transactional()) {
                md.append("; runs outside a transaction");
            }
            md.append('\n');
        } else if (s instanceof BackfillStep b && b.walksPartitions()) {
            var first = b.batchOn(b.partitions().get(0));
            sqlLine(md, "Batch SQL (per leaf partition; the first, " + b.partitions().get(0) + ")",
                    dialect.render(first) + ";");
            sqlLine(md, "Next key (per leaf partition)", dialect.render(first.nextKey()) + ";");
            md.append("- Partitions walked, in order (").append(b.partitions().size()).append("): ")
                    .append(b.partitions().stream().map(p -> code(p.name())).collect(Collectors.joining(", ")))
                    .append('\n');
        } else if (s instanceof BackfillStep b) {
            sqlLine(md, "Batch SQL", b.batchSql() + ";");
            if (b.nextKeySql() != null) {
                sqlLine(md, "Next key", b.nextKeySql() + ";");
            }
        } else if (s instanceof AppReleaseStep app && !(app.reads().isEmpty() && app.writes().isEmpty())) {
            md.append("- Reads: ").append(app.reads().stream().map(MarkdownReport::code)
                    .collect(Collectors.joining(", "))).append("; writes: ")
                    .append(app.writes().stream().map(MarkdownReport::code).collect(Collectors.joining(", ")))
                    .append('\n');
        }
        for (String a : s.actions()) {
            md.append("- Action: ").append(a).append('\n');
        }
        Rollback r = s.rollback();
        if (r.sql().isEmpty()) {
            md.append("- Rollback: ").append(r.note()).append('\n');
        } else {
            md.append("- Rollback (").append(r.note()).append("):\n");
            for (Rendered x : r.statements()) {
                String sql = x.sql();
                String only = x.statement() instanceof Guarded g ? "only " + when(g) + ": " : "";
                md.append("  - ").append(only).append(sql.contains("\n") ? "\n" + fence(sql, "    ")
                        : code(sql) + "\n");
            }
        }
        md.append('\n');
    }

    /** "SQL", or for a guarded statement the catalog state in which it runs. */
    private static String label(Rendered r) {
        return r.statement() instanceof Guarded g ? "SQL, only " + when(g) : "SQL";
    }

    private static String when(Guarded g) {
        return "where " + g.when().stream().map(Fact::describe).collect(Collectors.joining(" and "))
                + " (a repair after an interrupted run; otherwise skipped or a no-op)";
    }

    private static void sqlLine(StringBuilder md, String label, String sql) {
        if (sql.contains("\n")) {
            md.append("- ").append(label).append(":\n").append(fence(sql, "  "));
        } else {
            md.append("- ").append(label).append(": ").append(code(sql)).append('\n');
        }
    }

    private static String fence(String sql, String indent) {
        StringBuilder sb = new StringBuilder(indent).append("```sql\n");
        for (String line : sql.split("\n", -1)) {
            sb.append(indent).append(line).append('\n');
        }
        return sb.append(indent).append("```\n").toString();
    }

    /** A Markdown code span that survives backticks inside (MySQL quoting). */
    static String code(String text) {
        return dev.migrationstrategist.plan.Markdown.code(text);
    }

    private static String sizeOf(Plan plan, String table) {
        Long rows = plan.options().rows().get(table.toLowerCase(Locale.ROOT));
        if (rows == null) {
            return code(table) + ": unknown, treated as large";
        }
        OptionalLong n = OptionalLong.of(rows);
        return code(table) + ": " + NumberFormat.getIntegerInstance(Locale.US).format(n.getAsLong()) + " rows"
                + (rows >= plan.options().largeTableRows() ? " (large)" : " (small)");
    }

    static String emoji(Phase phase) {
        return switch (phase) {
            case EXPAND -> "🕰️";
            case APP_RELEASE_1, APP_RELEASE_2, APP_RELEASE_3 -> "💻";
            case BACKFILL, BACKFILL_2 -> "🔄";
            case CONSTRAIN -> "🔒";
            case CONTRACT -> "✂️";
        };
    }

    /** True when the plan keeps an old and a new shape side by side (a sync trigger or a dual-write release). */
    private static boolean keepsTwoShapes(Plan plan) {
        // a trigger (--sync trigger) or the release that stops writing the old column (--sync app) is what keeps
        // two shapes in sync; a plan whose release only reads both spellings (an enum rename) keeps nothing
        return plan.steps().stream().anyMatch(s -> s.phase() == dev.migrationstrategist.plan.Phase.APP_RELEASE_3
                || (s instanceof dev.migrationstrategist.plan.SchemaStep schema
                && schema.statements().stream().anyMatch(q -> q.statement().creates().stream()
                .anyMatch(dev.migrationstrategist.statement.DbObject.Trigger.class::isInstance))));
    }
}
