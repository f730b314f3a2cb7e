package dev.migrationstrategist.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.AddEnumValue;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.ChangeColumnType;
import dev.migrationstrategist.change.DropIndex;
import dev.migrationstrategist.change.DropTable;
import dev.migrationstrategist.change.MergeTable;
import dev.migrationstrategist.change.MoveColumns;
import dev.migrationstrategist.change.RenameColumn;
import dev.migrationstrategist.change.RenameEnumValue;
import dev.migrationstrategist.change.RenameTable;
import dev.migrationstrategist.change.SplitTable;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads a change file ({@code .yaml}, {@code .yml} or {@code .json}): a list of changes in the order to plan them,
 * one {@code kind} per entry with that kind's fields (schema/change-file.schema.json, checked first; every error is
 * one line naming the file and the JSON path). Names are taken as identifiers, never as SQL. The kinds whose
 * fields hold SQL text (a default, a check expression, a type, a CREATE TABLE) are rendered as the statement with
 * every name quoted by the dialect and read by {@link SqlChangeReader}, so they are parsed exactly like SQL input.
 */
public final class ChangeFileReader {
    static final String RESOURCE = "/dev/migrationstrategist/change-file.schema.json";
    private static JsonSchema schema;
    private final Dialect dialect;
    private final Schema state;

    public ChangeFileReader(Dialect dialect, Schema state) {
        this.dialect = dialect;
        this.state = state;
    }

    /** True for a file name this reader takes. */
    public static boolean handles(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).matches(".*\\.(ya?ml|json)");
    }

    public List<ChangeRequest> read(String text, String fileName) {
        JsonNode root;
        try {
            ObjectMapper mapper = fileName.toLowerCase(Locale.ROOT).endsWith(".json") ? new ObjectMapper()
                    : new YAMLMapper();
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw StrategistException.invalid(fileName + (loc == null ? "" : ":" + loc.getLineNr() + ":"
                    + loc.getColumnNr()) + ": not valid " + (fileName.toLowerCase(Locale.ROOT).endsWith(".json")
                    ? "JSON" : "YAML") + " (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw StrategistException.invalid(fileName + ": is empty; expected 'changes:' with a list of changes");
        }
        List<String> problems = problems(root);
        if (!problems.isEmpty()) {
            throw StrategistException.invalid(fileName + ": " + problems.get(0) + (problems.size() > 1
                    ? " (and " + (problems.size() - 1) + " more)" : "") + " (see schema/change-file.schema.json)");
        }
        List<ChangeRequest> out = new ArrayList<>();
        JsonNode changes = root.get("changes");
        for (int i = 0; i < changes.size(); i++) {
            String where = fileName + ": $.changes[" + i + "]";
            for (Change c : change(changes.get(i), where)) {
                out.add(new ChangeRequest(c, where));
            }
        }
        return out;
    }

    /** The schema's complaints, as "$.path: message", the most specific (deepest path) first. */
    static List<String> problems(JsonNode root) {
        return load().validate(root).stream()
                .map((ValidationMessage m) -> m.getInstanceLocation() + ": " + m.getMessage()
                        .replaceFirst("^\\$[^:]*: ", ""))
                .distinct()
                .sorted((a, b) -> Integer.compare(b.indexOf(':'), a.indexOf(':')) != 0
                        ? Integer.compare(b.indexOf(':'), a.indexOf(':')) : a.compareTo(b))
                .toList();
    }

    private List<Change> change(JsonNode n, String where) {
        String kind = n.get("kind").asText();
        return switch (kind) {
            case "rename_column" -> List.of(new RenameColumn(id(n, "table"), id(n, "column"), id(n, "new_name"),
                    n.has("type") ? type(n.get("type").asText(), where + ".type") : null));
            case "add_column" -> sql("ALTER TABLE " + q(n, "table") + " ADD COLUMN " + q(n, "column") + " "
                    + n.get("type").asText() + (n.has("nullable") && !n.get("nullable").asBoolean() ? " NOT NULL" : "")
                    + (n.has("default") ? " DEFAULT " + n.get("default").asText() : ""), where);
            case "drop_column" -> sql("ALTER TABLE " + q(n, "table") + " DROP COLUMN " + q(n, "column"), where);
            case "set_not_null" -> sql(dialect instanceof dev.migrationstrategist.dialect.MySqlDialect
                    ? modify(n, where, false) : "ALTER TABLE " + q(n, "table") + " ALTER COLUMN " + q(n, "column")
                    + " SET NOT NULL", where);
            case "drop_not_null" -> sql(dialect instanceof dev.migrationstrategist.dialect.MySqlDialect
                    ? modify(n, where, true) : "ALTER TABLE " + q(n, "table") + " ALTER COLUMN " + q(n, "column")
                    + " DROP NOT NULL", where);
            case "set_default" -> sql("ALTER TABLE " + q(n, "table") + " ALTER COLUMN " + q(n, "column")
                    + " SET DEFAULT " + n.get("default").asText(), where);
            case "drop_default" -> sql("ALTER TABLE " + q(n, "table") + " ALTER COLUMN " + q(n, "column")
                    + " DROP DEFAULT", where);
            case "change_column_type" -> List.of(new ChangeColumnType(id(n, "table"), id(n, "column"),
                    type(n.get("new_type").asText(), where + ".new_type")));
            case "add_check" -> sql("ALTER TABLE " + q(n, "table") + " ADD " + (n.has("name") ? "CONSTRAINT "
                    + q(n, "name") + " " : "") + "CHECK (" + n.get("expression").asText() + ")", where);
            case "add_foreign_key" -> sql("ALTER TABLE " + q(n, "table") + " ADD " + named(n) + "FOREIGN KEY ("
                    + qs(n, "columns") + ") REFERENCES " + q(n, "referenced_table")
                    + (n.has("referenced_columns") ? " (" + qs(n, "referenced_columns") + ")" : "")
                    + action(n, "on_delete", "ON DELETE", where) + action(n, "on_update", "ON UPDATE", where), where);
            case "add_unique" -> sql("ALTER TABLE " + q(n, "table") + " ADD " + named(n) + "UNIQUE ("
                    + qs(n, "columns") + ")", where);
            case "add_primary_key" -> sql("ALTER TABLE " + q(n, "table") + " ADD " + named(n) + "PRIMARY KEY ("
                    + qs(n, "columns") + ")", where);
            case "create_index" -> sql("CREATE " + (n.path("unique").asBoolean(false) ? "UNIQUE " : "") + "INDEX "
                    + (n.has("name") ? q(n, "name") + " " : "") + "ON " + q(n, "table") + method(n, where) + " ("
                    + qs(n, "columns") + ")", where);
            case "drop_index" -> List.of(new DropIndex(n.has("table") ? id(n, "table") : null, id(n, "name"), true));
            case "create_table" -> {
                List<Change> read = sql(n.get("sql").asText(), where);
                if (read.size() != 1 || !(read.get(0) instanceof dev.migrationstrategist.change.CreateTable)) {
                    throw StrategistException.invalid(where + ".sql: expected one CREATE TABLE statement");
                }
                yield read;
            }
            case "drop_table" -> List.of(new DropTable(id(n, "table")));
            case "rename_table" -> List.of(new RenameTable(id(n, "table"), id(n, "new_name")));
            case "split_table" -> List.of(new SplitTable(id(n, "table"), ids(n, "columns"), id(n, "into")));
            case "merge_table" -> List.of(new MergeTable(id(n, "table"), id(n, "into")));
            case "move_columns" -> List.of(new MoveColumns(id(n, "table"), ids(n, "columns"), id(n, "into")));
            case "add_enum_value" -> List.of(new AddEnumValue(n.has("type") ? id(n, "type") : null,
                    n.has("table") ? id(n, "table") : null, n.has("column") ? id(n, "column") : null,
                    n.get("value").asText(), text(n, "before"), text(n, "after")));
            case "rename_enum_value" -> List.of(new RenameEnumValue(id(n, "type"), n.get("from").asText(),
                    n.get("to").asText()));
            case "add_domain_check" -> sql("ALTER DOMAIN " + q(n, "domain") + " ADD CONSTRAINT " + q(n, "name")
                    + " CHECK (" + n.get("expression").asText() + ")", where);
            case "drop_domain_check" -> sql("ALTER DOMAIN " + q(n, "domain") + " DROP CONSTRAINT " + q(n, "name"),
                    where);
            default -> throw StrategistException.invalid(where + ".kind: unknown kind " + kind);
        };
    }

    private List<Change> sql(String statement, String where) {
        try {
            return new SqlChangeReader(dialect, state).read(statement, where).stream().map(ChangeRequest::change)
                    .toList();
        } catch (StrategistException e) {
            throw e.getMessage().startsWith(where) ? e : StrategistException.invalid(where + ": " + e.getMessage());
        }
    }

    private String modify(JsonNode n, String where, boolean nullable) {
        var table = state.table(id(n, "table")).orElseThrow(() -> StrategistException.invalid(where
                + ".table: unknown table " + n.get("table").asText() + " (MySQL/MariaDB needs the schema: --schema)"));
        var column = table.column(id(n, "column")).orElseThrow(() -> StrategistException.invalid(where
                + ".column: unknown column " + n.get("table").asText() + "." + n.get("column").asText()));
        return "ALTER TABLE " + q(n, "table") + " MODIFY " + dialect.quote(column.name()) + " " + column.type().sql()
                + (nullable ? " NULL" : " NOT NULL")
                + column.defaultValue().map(d -> " DEFAULT " + d).orElse("");
    }

    private DataType type(String text, String where) {
        try {
            return DataType.parse(text);
        } catch (IllegalArgumentException e) {
            throw StrategistException.invalid(where + ": " + e.getMessage());
        }
    }

    private String named(JsonNode n) {
        return n.has("name") ? "CONSTRAINT " + q(n, "name") + " " : "";
    }

    private static String action(JsonNode n, String field, String keyword, String where) {
        if (!n.has(field)) {
            return "";
        }
        String a = n.get(field).asText().trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (!List.of("CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION").contains(a)) {
            throw StrategistException.invalid(where + "." + field + ": expected CASCADE, SET NULL, SET DEFAULT,"
                    + " RESTRICT or NO ACTION");
        }
        return " " + keyword + " " + a;
    }

    private String method(JsonNode n, String where) {
        if (!n.has("method")) {
            return "";
        }
        String m = n.get("method").asText();
        if (!m.matches("[A-Za-z]+")) {
            throw StrategistException.invalid(where + ".method: not an index method name");
        }
        return " USING " + m;
    }

    private static String text(JsonNode n, String field) {
        return n.has(field) ? n.get(field).asText() : null;
    }

    private static Ident id(JsonNode n, String field) {
        return Ident.of(n.get(field).asText());
    }

    private List<Ident> ids(JsonNode n, String field) {
        List<Ident> out = new ArrayList<>();
        n.get(field).forEach(v -> out.add(Ident.of(v.asText())));
        return out;
    }

    private String q(JsonNode n, String field) {
        return dialect.quote(id(n, field));
    }

    private String qs(JsonNode n, String field) {
        return ids(n, field).stream().map(dialect::quote).collect(Collectors.joining(", "));
    }

    private static synchronized JsonSchema load() {
        if (schema == null) {
            try (InputStream in = ChangeFileReader.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the change-file schema is missing from the jar: " + RESOURCE);
                }
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                        .getSchema(new ObjectMapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schema;
    }
}
