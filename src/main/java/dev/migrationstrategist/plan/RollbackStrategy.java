package dev.migrationstrategist.plan;

import java.util.ArrayList;
import java.util.List;

/** Derives the plan's rollback strategy, one scenario per step, from the steps' own rollbacks. */
public final class RollbackStrategy {
    private RollbackStrategy() {
    }

    public static List<RollbackScenario> of(List<Step> steps) {
        List<RollbackScenario> out = new ArrayList<>();
        for (Step s : steps) {
            Rollback r = s.rollback();
            String action;
            String safe = r.safeBecause();
            if (s instanceof AppReleaseStep app) {
                action = capitalize(r.note()) + ".";
            } else if (r.irreversible()) {
                String why = r.note().replaceFirst("^irreversible: ", "");
                if (s instanceof SchemaStep schema && schema.transactional()) {
                    action = "A failed (not committed) run changes nothing: the step is one transaction, so fix the"
                            + " cause and run it again. Once it has committed it is irreversible: " + why + ".";
                } else {
                    action = "If a statement fails, fix the cause and run the remaining statements again (the step"
                            + " is not one transaction on this database). Once it has run it is irreversible: " + why
                            + ".";
                }
                safe = "before it runs, every earlier step can still be undone";
            } else if (!r.sql().isEmpty()) {
                action = "Run its rollback SQL (" + r.sql().size() + " statement" + (r.sql().size() == 1 ? "" : "s")
                        + "): " + r.note() + ".";
                if (safe == null && s instanceof SchemaStep schema && schema.transactional()) {
                    safe = "the step runs in one transaction, so a failure part-way leaves nothing behind";
                }
            } else {
                action = capitalize(r.note()) + ".";
                if (safe == null && s instanceof BackfillStep) {
                    safe = "each batch is its own idempotent transaction; rerun it to resume from the last key";
                }
            }
            out.add(new RollbackScenario(s.number(), action, safe));
        }
        return out;
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
