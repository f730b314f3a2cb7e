package dev.migrationstrategist.proof;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationstrategist.plan.PlanOptions;

/** The {@code options} object of a plan file: what the plan was made with, as the fingerprint hashes it. */
public final class OptionsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OptionsJson() {
    }

    public static ObjectNode of(PlanOptions o) {
        ObjectNode options = MAPPER.createObjectNode();
        options.put("sync", o.sync().cliName());
        options.put("batch_size", o.batchSize());
        options.put("lock_timeout_ms", o.lockTimeout().toMillis());
        options.put("large_table_rows", o.largeTableRows());
        options.put("app_version", "v" + o.appVersion());
        ObjectNode rows = options.putObject("rows");
        o.rows().forEach(rows::put);
        if (o.target() != null) {
            ObjectNode target = options.putObject("target");
            target.put("host", o.target().host());
            target.put("port", o.target().port());
            target.put("database", o.target().database());
        }
        return options;
    }
}
