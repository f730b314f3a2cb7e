package dev.migrationstrategist.rederive;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The first difference between the steps a plan file holds and the steps planned again, as one line naming the step
 * and the field ({@code step 1 sql[3]: ...}). Fields are compared as JSON values, in the planner's key order, so a
 * reformatted file is no difference.
 */
public final class StepsDiff {
    private static final int SHOWN = 160;

    private StepsDiff() {
    }

    public static Optional<String> first(JsonNode fileSteps, JsonNode plannedSteps) {
        int n = Math.max(fileSteps.size(), plannedSteps.size());
        for (int i = 0; i < n; i++) {
            JsonNode file = fileSteps.get(i);
            JsonNode planned = plannedSteps.get(i);
            if (file == null) {
                return Optional.of("step " + (i + 1) + ": missing from the file (it has " + fileSteps.size()
                        + " steps), planning again gives " + describe(planned));
            }
            if (planned == null) {
                return Optional.of("step " + (i + 1) + " (" + describe(file) + "): not in the plan made again (it has "
                        + plannedSteps.size() + " steps)");
            }
            Optional<String> field = first(file, planned, "");
            if (field.isPresent()) {
                return Optional.of("step " + (i + 1) + " " + field.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> first(JsonNode file, JsonNode planned, String path) {
        if (file == null || planned == null || file.isObject() != planned.isObject()
                || file.isArray() != planned.isArray()) {
            return same(file, planned) ? Optional.empty() : Optional.of(differs(path, file, planned));
        }
        if (file.isObject()) {
            Set<String> keys = new LinkedHashSet<>(names(planned));
            keys.addAll(names(file));
            for (String key : keys) {
                Optional<String> d = first(file.get(key), planned.get(key), path.isEmpty() ? key : path + "." + key);
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        if (file.isArray()) {
            for (int i = 0; i < Math.max(file.size(), planned.size()); i++) {
                Optional<String> d = first(file.get(i), planned.get(i), path + "[" + i + "]");
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        return same(file, planned) ? Optional.empty() : Optional.of(differs(path, file, planned));
    }

    /** Scalars by their JSON text: 5 read from a file and 5 written as a long are the same value. */
    private static boolean same(JsonNode a, JsonNode b) {
        return a == null ? b == null : b != null && a.toString().equals(b.toString());
    }

    private static String differs(String path, JsonNode file, JsonNode planned) {
        return path + ": the file has " + shown(file) + ", planning the changes again gives " + shown(planned);
    }

    private static String shown(JsonNode v) {
        if (v == null) {
            return "nothing";
        }
        String text = v.isTextual() ? "`" + v.asText() + "`" : v.toString();
        text = text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "...";
    }

    private static String describe(JsonNode step) {
        return step.path("phase").asText() + ", " + step.path("title").asText();
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
