package dev.migrationstrategist.proof;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.AddCheck;
import dev.migrationstrategist.change.AddColumn;
import dev.migrationstrategist.change.AddDomainCheck;
import dev.migrationstrategist.change.AddEnumValue;
import dev.migrationstrategist.change.AddForeignKey;
import dev.migrationstrategist.change.AddPrimaryKey;
import dev.migrationstrategist.change.AddUnique;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.ChangeColumnType;
import dev.migrationstrategist.change.CreateIndex;
import dev.migrationstrategist.change.CreateTable;
import dev.migrationstrategist.change.DropColumn;
import dev.migrationstrategist.change.DropDefault;
import dev.migrationstrategist.change.DropDomainCheck;
import dev.migrationstrategist.change.DropIndex;
import dev.migrationstrategist.change.DropNotNull;
import dev.migrationstrategist.change.DropTable;
import dev.migrationstrategist.change.MergeTable;
import dev.migrationstrategist.change.MoveColumns;
import dev.migrationstrategist.change.RenameColumn;
import dev.migrationstrategist.change.RenameEnumValue;
import dev.migrationstrategist.change.RenameTable;
import dev.migrationstrategist.change.SetDefault;
import dev.migrationstrategist.change.SetNotNull;
import dev.migrationstrategist.change.SplitTable;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * A change back from its entry in the plan's "changes" ({@code kind} plus {@link Change#fields()}), the exact
 * inverse of {@code fields()}: types, defaults and expressions are taken as the plan recorded them, not parsed
 * again as SQL (a parser's spacing would make a plan that was never edited look edited). What {@code fields()}
 * leaves out only matters for guardrails (whether the user wrote {@code NOT VALID} or {@code CONCURRENTLY}) or is
 * filled in again by {@link Change#resolve} (a foreign key's implicit index); a new table's definition comes from
 * {@code created_tables}. The result is only ever planned and compared, never run.
 */
public final class ChangeFields {
    private ChangeFields() {
    }

    public static Change read(JsonNode n, List<Table> createdTables, String where) {
        try {
            return change(n, createdTables, where);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw StrategistException.invalid(where + ": " + e.getMessage());
        }
    }

    private static Change change(JsonNode n, List<Table> created, String where) {
        String kind = n.path("kind").asText();
        return switch (kind) {
            case "rename_column" -> new RenameColumn(id(n, "table"), id(n, "column"), id(n, "new_name"),
                    n.has("type") ? CanonicalState.type(text(n, "type"), where) : null);
            case "add_column" -> new AddColumn(id(n, "table"), new Column(id(n, "column"),
                    CanonicalState.type(text(n, "type"), where), n.path("nullable").asBoolean(true), text(n, "default")));
            case "drop_column" -> new DropColumn(id(n, "table"), id(n, "column"));
            case "set_not_null" -> new SetNotNull(id(n, "table"), id(n, "column"));
            case "drop_not_null" -> new DropNotNull(id(n, "table"), id(n, "column"));
            case "set_default" -> new SetDefault(id(n, "table"), id(n, "column"), text(n, "default"));
            case "drop_default" -> new DropDefault(id(n, "table"), id(n, "column"));
            case "change_column_type" -> new ChangeColumnType(id(n, "table"), id(n, "column"),
                    CanonicalState.type(text(n, "new_type"), where));
            case "add_check" -> new AddCheck(id(n, "table"), id(n, "name"), text(n, "expression"));
            case "add_foreign_key" -> new AddForeignKey(id(n, "table"), id(n, "name"), ids(n, "columns"),
                    id(n, "referenced_table"), ids(n, "referenced_columns"), text(n, "on_delete"),
                    text(n, "on_update"));
            case "add_unique" -> new AddUnique(id(n, "table"), id(n, "name"), ids(n, "columns"));
            case "add_primary_key" -> new AddPrimaryKey(id(n, "table"), id(n, "name"), ids(n, "columns"));
            case "create_index" -> createIndex(n, where);
            case "drop_index" -> new DropIndex(id(n, "table"), id(n, "name"), false);
            case "create_table" -> new CreateTable(created.stream()
                    .filter(t -> t.name().name().equals(text(n, "table"))).findFirst()
                    .orElseThrow(() -> StrategistException.invalid(where + ": table " + text(n, "table")
                            + " is not in created_tables")));
            case "drop_table" -> new DropTable(id(n, "table"));
            case "rename_table" -> new RenameTable(id(n, "table"), id(n, "new_name"));
            case "split_table" -> new SplitTable(id(n, "table"), ids(n, "columns"), id(n, "into"));
            case "merge_table" -> new MergeTable(id(n, "table"), id(n, "into"));
            case "move_columns" -> new MoveColumns(id(n, "table"), ids(n, "columns"), id(n, "into"));
            case "add_enum_value" -> new AddEnumValue(id(n, "type"), id(n, "table"), id(n, "column"),
                    text(n, "value"), text(n, "before"), text(n, "after"));
            case "rename_enum_value" -> new RenameEnumValue(id(n, "type"), text(n, "from"), text(n, "to"));
            case "add_domain_check" -> new AddDomainCheck(id(n, "domain"), id(n, "name"), text(n, "expression"),
                    false);
            case "drop_domain_check" -> new DropDomainCheck(id(n, "domain"), id(n, "name"));
            default -> throw StrategistException.invalid(where + ": unknown change kind \"" + kind + "\"");
        };
    }

    /** A create index entry; with its definition where it has more than plain columns (keys, where, ...). */
    private static CreateIndex createIndex(JsonNode n, String where) {
        CreateIndex plain = new CreateIndex(id(n, "table"), id(n, "name"), ids(n, "columns"),
                n.path("unique").asBoolean(false), text(n, "method"), false);
        if (!(n.has("keys") || n.has("where") || n.has("include") || n.has("nulls_not_distinct") || n.has("with"))) {
            return plain;
        }
        Ident name = plain.name() != null ? plain.name()
                : dev.migrationstrategist.schema.Names.constraint(plain.table(), plain.columns(), "idx");
        return CreateIndex.of(CanonicalState.index(n, name, plain.table(), where), plain.name(), false);
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A name, or null when the entry has none (the constructor says whether it needs one). */
    private static Ident id(JsonNode n, String key) {
        JsonNode node = n.get(key);
        if (node != null && node.isObject()) { // a schema-qualified table: {"schema": ..., "name": ...}
            return Ident.qualified(node.path("schema").isTextual() ? node.path("schema").asText() : null,
                    node.path("name").asText());
        }
        String v = text(n, key);
        return v == null || v.isEmpty() ? null : Ident.of(v);
    }

    private static List<Ident> ids(JsonNode n, String key) {
        List<Ident> out = new ArrayList<>();
        n.path(key).forEach(v -> out.add(Ident.of(v.asText())));
        return out;
    }
}
