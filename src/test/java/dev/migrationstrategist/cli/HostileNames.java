package dev.migrationstrategist.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationstrategist.report.JsonSchemaAssert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A column named {@code x"; DROP TABLE users; --}, planned through the real command line, for either family. */
record HostileNames(boolean mysqlFamily, String dialect) {
    static final String NAME = "x\"; DROP TABLE users; --";

    /** The name as the dialect quotes it. */
    String quoted() {
        return mysqlFamily ? "`" + NAME + "`" : "\"" + NAME.replace("\"", "\"\"") + "\"";
    }

    String schemaDdl() {
        return "CREATE TABLE users (id BIGINT PRIMARY KEY, " + quoted() + " VARCHAR(100));\n";
    }

    String renameSql() {
        return "ALTER TABLE users RENAME COLUMN " + quoted() + " TO safe_name";
    }

    /** The plan JSON of the rename, through {@code strategist plan --print json}. */
    JsonNode plan(Path dir) throws Exception {
        Path schema = Files.writeString(dir.resolve("hostile-" + dialect.replace(':', '-') + ".sql"), schemaDdl());
        Cli run = Cli.run("plan", "--dialect", dialect, "--schema", schema.toString(), "--out",
                dir.resolve("out").toString(), "--print", "json", "--sql", renameSql());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonSchemaAssert.assertValid(run.out());
        return new ObjectMapper().readTree(run.out());
    }

    /** Every SQL text in the plan: step statements, rollback statements, backfill and verification queries. */
    static List<String> allSql(JsonNode plan) {
        List<String> out = new ArrayList<>();
        for (JsonNode step : plan.path("steps")) {
            step.path("sql").forEach(s -> out.add(s.asText()));
            step.path("rollback").path("sql").forEach(s -> out.add(s.asText()));
            for (String key : List.of("query", "next_key_sql", "verify_sql")) {
                if (step.has(key)) {
                    out.add(step.get(key).asText());
                }
            }
        }
        return out;
    }

    /** The statement with every quoted identifier and string literal blanked out. */
    String withoutQuotedText(String sql) {
        String identifiers = mysqlFamily ? "`(?:[^`]|``)*`" : "\"(?:[^\"]|\"\")*\"";
        return sql.replaceAll(identifiers, "ID").replaceAll("'(?:[^']|'')*'", "LIT");
    }
}
