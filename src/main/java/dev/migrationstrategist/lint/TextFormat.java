package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Severity;

/** One block per finding, for people reading a terminal or a CI log. */
public final class TextFormat implements LintFormat {

    @Override
    public String render(LintResult result) {
        StringBuilder sb = new StringBuilder();
        for (LintFinding f : result.findings()) {
            sb.append(f.location()).append(": ").append(f.severity().jsonName()).append(" [").append(f.rule())
                    .append("]\n");
            if (!f.statement().isEmpty()) {
                sb.append("  statement: ").append(f.statement()).append('\n');
            }
            if (f.impact().lock() != null) {
                sb.append("  lock:      ").append(f.impact().lock()).append("; blocks ").append(f.impact().blocks())
                        .append('\n');
                sb.append("  table:     ").append(f.impact().rewrite() ? "rewritten" : f.impact().scan() ? "scanned"
                        : "neither rewritten nor scanned").append('\n');
            }
            sb.append("  problem:   ").append(f.message()).append('\n');
            sb.append("  instead:   ").append(f.safeAlternative()).append('\n');
            if (f.planCommand() != null) {
                sb.append("  full plan: ").append(f.planCommand()).append('\n');
            }
            sb.append('\n');
        }
        sb.append(result.files()).append(result.files() == 1 ? " file" : " files")
                .append(result.history() == 0 ? "" : " (" + result.history() + " more read as history)").append(", ")
                .append(result.statements()).append(" statements: ")
                .append(result.count(Severity.ERROR)).append(" errors, ")
                .append(result.count(Severity.WARNING)).append(" warnings, ")
                .append(result.count(Severity.INFO)).append(" notes, ")
                .append(result.unrecognised()).append(" unrecognised statements\n");
        return sb.toString();
    }
}
