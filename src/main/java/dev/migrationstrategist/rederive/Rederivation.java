package dev.migrationstrategist.rederive;

import dev.migrationstrategist.proof.ChangeFields;
import dev.migrationstrategist.proof.PlanEvidence;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.planner.Planner;
import dev.migrationstrategist.report.JsonReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans a file's changes again, in-process, from its own options and State A, and compares the steps with the
 * file's: an unedited plan file gives exactly its steps back; one whose SQL, steps or lock timeouts were changed by
 * hand does not. Each change entry is read back by {@link ChangeFields}.
 */
public final class Rederivation {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Rederivation() {
    }

    /** One line naming the first step and field that differ, or empty when the file's steps are the planner's. */
    public static Optional<String> firstDifference(PlanEvidence evidence) {
        JsonNode planned;
        try {
            planned = new JsonReport().toJson(plan(evidence)).get("steps");
        } catch (StrategistException e) {
            return Optional.of("its changes cannot be planned again from its own state_a and options ("
                    + e.getMessage() + ")");
        }
        return StepsDiff.first(read(evidence.stepsJson()), planned);
    }

    /** The plan that the file's changes, options and State A give. */
    public static Plan plan(PlanEvidence evidence) {
        List<Change> changes = new ArrayList<>();
        JsonNode entries = read(evidence.changesJson());
        for (int i = 0; i < entries.size(); i++) {
            changes.add(ChangeFields.read(entries.get(i), evidence.createdTables(), "changes[" + i + "]"));
        }
        return new Planner().plan(changes, new PlanContext(evidence.stateA(), evidence.dialect(), evidence.options()));
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
