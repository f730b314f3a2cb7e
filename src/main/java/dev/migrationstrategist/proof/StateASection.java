package dev.migrationstrategist.proof;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationstrategist.change.CreateTable;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.schema.Schema;

/**
 * The plan file's {@code state_a} section: {@code fingerprint} first, then the {@link CanonicalState} of the State A
 * objects the plan touches ({@link StateAScope}); and {@code created_tables}, the full definitions of the tables the
 * {@code create_table} changes create (their entry in "changes" names only the columns), so that the changes can
 * be planned again from the file alone.
 */
public final class StateASection {
    private StateASection() {
    }

    public static ObjectNode of(Plan plan) {
        Schema touched = StateAScope.of(plan.before(), plan.changes());
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("fingerprint", Fingerprint.of(plan.dialect(), plan.options(), touched));
        node.setAll(CanonicalState.of(touched));
        return node;
    }

    public static ArrayNode createdTables(Plan plan) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        plan.changes().stream().filter(CreateTable.class::isInstance)
                .forEach(c -> out.add(CanonicalState.table(((CreateTable) c).definition())));
        return out;
    }
}
