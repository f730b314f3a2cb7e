package dev.migrationstrategist.input;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.AddEnumValue;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.MoveColumns;
import dev.migrationstrategist.change.RenameColumn;
import dev.migrationstrategist.change.SplitTable;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeFileReaderTest {
    static final Schema STATE_A = new SchemaReader(Dialects.parse("mysql:8.0")).read(
            "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50), email varchar(100) NOT NULL);", "a.sql");

    private static List<Change> read(String dialect, String text, String file) {
        return new ChangeFileReader(Dialects.parse(dialect), STATE_A).read(text, file).stream()
                .map(ChangeRequest::change).toList();
    }

    static final String EVERY_KIND = """
            changes:
              - {kind: rename_column, table: users, column: name, new_name: full_name}
              - {kind: add_column, table: users, column: age, type: int, nullable: false, default: "0"}
              - {kind: drop_column, table: users, column: age}
              - {kind: set_not_null, table: users, column: name}
              - {kind: drop_not_null, table: users, column: email}
              - {kind: set_default, table: users, column: name, default: "'x'"}
              - {kind: drop_default, table: users, column: name}
              - {kind: change_column_type, table: users, column: name, new_type: "varchar(80)"}
              - {kind: add_check, table: users, name: users_name_len, expression: "length(name) > 0"}
              - {kind: add_foreign_key, table: orders, columns: [user_id], referenced_table: users, on_delete: cascade}
              - {kind: add_unique, table: users, columns: [email]}
              - {kind: add_primary_key, table: t, columns: [id]}
              - {kind: create_index, table: users, name: users_email_idx, columns: [email], unique: true}
              - {kind: drop_index, table: users, name: users_email_idx}
              - {kind: create_table, sql: "CREATE TABLE t (id bigint)"}
              - {kind: drop_table, table: t}
              - {kind: rename_table, table: users, new_name: members}
              - {kind: split_table, table: users, columns: [bio, avatar_url], into: user_profiles}
              - {kind: merge_table, table: user_profiles, into: users}
              - {kind: move_columns, table: users, columns: [bio], into: user_profiles}
              - {kind: add_enum_value, type: status_t, value: archived, after: paid}
              - {kind: rename_enum_value, type: status_t, from: paid, to: settled}
              - {kind: add_domain_check, domain: quantity, name: quantity_positive, expression: "VALUE > 0"}
              - {kind: drop_domain_check, domain: quantity, name: quantity_bounded}
            """;

    @Test
    void readsEveryKindFromYaml() {
        List<Change> changes = read("postgresql:15", EVERY_KIND, "changes.yaml");
        assertThat(changes).extracting(Change::kind).containsExactly("rename_column", "add_column", "drop_column",
                "set_not_null", "drop_not_null", "set_default", "drop_default", "change_column_type", "add_check",
                "add_foreign_key", "add_unique", "add_primary_key", "create_index", "drop_index", "create_table",
                "drop_table", "rename_table", "split_table", "merge_table", "move_columns", "add_enum_value",
                "rename_enum_value", "add_domain_check", "drop_domain_check");
        assertThat(changes.get(22)).isEqualTo(new dev.migrationstrategist.change.AddDomainCheck(
                Ident.of("quantity"), Ident.of("quantity_positive"), "VALUE > 0"));
        assertThat(changes.get(17)).isEqualTo(new SplitTable(Ident.of("users"),
                List.of(Ident.of("bio"), Ident.of("avatar_url")), Ident.of("user_profiles")));
        assertThat(changes.get(20)).isEqualTo(AddEnumValue.ofType(Ident.of("status_t"), "archived", null, "paid"));
        assertThat(changes.get(1).fields()).containsEntry("nullable", false).containsEntry("default", "0");
        assertThat(changes.get(9).fields()).containsEntry("on_delete", "CASCADE");
    }

    @Test
    void everyChangeKindIsInTheSchemaAndTheReaderCoversIt() {
        for (String kind : Change.kinds()) {
            assertThat(EVERY_KIND).as(kind).contains("kind: " + kind + ",");
        }
    }

    @Test
    void readsJsonAndMySqlColumnForms() {
        String json = """
                {"changes": [
                  {"kind": "set_not_null", "table": "users", "column": "name"},
                  {"kind": "add_enum_value", "table": "users", "column": "name", "value": "x"}
                ]}""";
        List<Change> changes = read("mysql:8.0", json, "changes.json");
        assertThat(changes.get(0).kind()).isEqualTo("set_not_null");
        assertThat(changes.get(1)).isEqualTo(new AddEnumValue(null, Ident.of("users"), Ident.of("name"), "x", null,
                null));
    }

    @Test
    void renameWithATypeIsOneRenameThatCarriesTheNewType() {
        List<Change> changes = read("postgresql:15", "changes:\n  - kind: rename_column\n    table: users\n"
                + "    column: name\n    new_name: full_name\n    type: varchar(200)\n", "c.yml");
        assertThat(changes).containsExactly(new RenameColumn(Ident.of("users"), Ident.of("name"),
                Ident.of("full_name"), DataType.parse("varchar(200)")));
        assertThat(changes.get(0).fields()).containsEntry("type", "varchar(200)");
        assertThatThrownBy(() -> read("postgresql:15", "changes:\n  - {kind: rename_column, table: users, column:"
                + " name, new_name: n, type: \"varchar(\"}\n", "t.yml")).hasMessageStartingWith("t.yml: $.changes[0].type");
    }

    @Test
    void schemaErrorsNameTheFileAndTheJsonPath() {
        assertThatThrownBy(() -> read("postgresql:15", "changes:\n  - kind: split_table\n    table: users\n"
                + "    into: p\n", "bad.yaml")).isInstanceOf(StrategistException.class)
                .hasMessageStartingWith("bad.yaml: $.changes[0]").hasMessageContaining("columns")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> read("postgresql:15", "{\"changes\": [{\"kind\": \"rename_colum\"}]}", "x.json"))
                .hasMessageStartingWith("x.json: $.changes[0].kind");
        assertThatThrownBy(() -> read("postgresql:15", "changes: []", "e.yaml"))
                .hasMessageStartingWith("e.yaml: $.changes");
        assertThatThrownBy(() -> read("postgresql:15", "changes: [", "broken.yaml"))
                .hasMessageStartingWith("broken.yaml:").hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> read("postgresql:15", "{\"changes\": [{\"kind\": \"add_check\", \"table\": \"users\","
                + " \"expression\": \"1) OR (1\"}]}", "c.json")).hasMessageStartingWith("c.json: $.changes[0]");
    }

    @Test
    void namesAreIdentifiersNeverSql() {
        List<Change> changes = read("postgresql:15", "changes:\n  - {kind: drop_column, table: users, column: "
                + "\"a\\\" ; DROP TABLE users; --\"}\n", "n.yaml");
        assertThat(changes.get(0).fields()).containsEntry("column", "a\" ; DROP TABLE users; --");
    }

    @Test
    void moveColumnsIsReadAsAMoveIntoTheExistingTable() {
        List<Change> changes = read("postgresql:15", "changes:\n  - {kind: move_columns, table: users, columns: [bio,"
                + " avatar_url], into: user_profiles}\n", "m.yaml");
        assertThat(changes).containsExactly(new MoveColumns(Ident.of("users"),
                List.of(Ident.of("bio"), Ident.of("avatar_url")), Ident.of("user_profiles")));
        assertThat(changes.get(0).fields()).containsEntry("into", "user_profiles");
    }
}
