package dev.migrationstrategist.guard;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.plan.PlanContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Every rule, derived from {@link Rule}'s permits clause. */
public final class Rules {
    private static final List<Rule> ALL = Arrays.stream(Rule.class.getPermittedSubclasses())
            .map(Rules::instantiate).toList();

    private Rules() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    public static List<Finding> check(Change change, PlanContext context) {
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : ALL) {
            findings.addAll(rule.check(change, context));
        }
        return findings;
    }

    private static Rule instantiate(Class<?> type) {
        try {
            return (Rule) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("rule " + type.getName() + " needs a public no-argument constructor", e);
        }
    }
}
