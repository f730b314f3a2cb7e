package dev.migrationstrategist.input;

import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Prose-like checks on a read schema: one line per column, constraint and index. */
final class SchemaAssertions {
    private SchemaAssertions() {
    }

    static String resource(String path) {
        try (InputStream in = SchemaAssertions.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Table table(Schema schema, String name) {
        return schema.table(Ident.of(name)).orElseThrow(() -> new AssertionError("no table " + name + " in "
                + schema.tables().stream().map(Table::name).toList()));
    }

    /** Asserts type text (as written), nullability and default of a column. */
    static void column(Table table, String name, String type, boolean nullable, String defaultSql) {
        Column c = table.column(Ident.of(name)).orElseThrow(() -> new AssertionError("no column " + name + " in "
                + table.name()));
        assertThat(c.name().name()).as("name of %s.%s", table.name(), name).isEqualTo(name);
        assertThat(c.type().sql()).as("type of %s.%s", table.name(), name).isEqualTo(type);
        assertThat(c.nullable()).as("nullable %s.%s", table.name(), name).isEqualTo(nullable);
        assertThat(c.defaultExpression()).as("default of %s.%s", table.name(), name).isEqualTo(defaultSql);
    }

    static void columnNames(Table table, String... names) {
        assertThat(table.columns().stream().map(c -> c.name().name()).toList()).as("columns of %s", table.name())
                .containsExactly(names);
    }

    static void primaryKey(Table table, String name, String... columns) {
        Constraint.PrimaryKey pk = table.primaryKey().orElseThrow(() -> new AssertionError("no PK on " + table.name()));
        assertThat(pk.name() == null ? null : pk.name().name()).as("PK name of %s", table.name()).isEqualTo(name);
        assertThat(names(pk.columns())).as("PK of %s", table.name()).containsExactly(columns);
    }

    static void unique(Table table, String name, String... columns) {
        Constraint.Unique u = constraint(table, name, Constraint.Unique.class);
        assertThat(names(u.columns())).containsExactly(columns);
    }

    static void check(Table table, String name, String expression, boolean valid, String... columns) {
        Constraint.Check c = constraint(table, name, Constraint.Check.class);
        assertThat(c.expression()).as("check %s", name).isEqualTo(expression);
        assertThat(c.valid()).as("check %s valid", name).isEqualTo(valid);
        assertThat(names(c.columns())).as("check %s columns", name).containsExactly(columns);
    }

    static void foreignKey(Table table, String name, List<String> columns, String target, List<String> targetColumns,
                           String onDelete, String onUpdate, boolean valid) {
        Constraint.ForeignKey fk = constraint(table, name, Constraint.ForeignKey.class);
        assertThat(names(fk.columns())).as("FK %s columns", name).containsExactlyElementsOf(columns);
        assertThat(fk.referencedTable().name()).as("FK %s target", name).isEqualTo(target);
        assertThat(names(fk.referencedColumns())).as("FK %s target columns", name)
                .containsExactlyElementsOf(targetColumns);
        assertThat(fk.onDelete()).as("FK %s on delete", name).isEqualTo(onDelete);
        assertThat(fk.onUpdate()).as("FK %s on update", name).isEqualTo(onUpdate);
        assertThat(fk.valid()).as("FK %s valid", name).isEqualTo(valid);
    }

    static void index(Table table, String name, boolean unique, String method, String where, String... columns) {
        Index i = table.indexes().stream().filter(x -> x.name().name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no index " + name + " on " + table.name() + ": "
                        + table.indexes()));
        assertThat(names(i.columns())).as("index %s columns", name).containsExactly(columns);
        assertThat(i.unique()).as("index %s unique", name).isEqualTo(unique);
        assertThat(i.method()).as("index %s method", name).isEqualTo(method);
        assertThat(i.where()).as("index %s predicate", name).isEqualTo(where);
        assertThat(i.table()).isEqualTo(table.name());
    }

    static void counts(Table table, int constraints, int indexes) {
        assertThat(table.constraints()).as("constraints of %s", table.name()).hasSize(constraints);
        assertThat(table.indexes()).as("indexes of %s", table.name()).hasSize(indexes);
    }

    private static <T extends Constraint> T constraint(Table table, String name, Class<T> kind) {
        return table.constraints().stream().filter(kind::isInstance).map(kind::cast)
                .filter(c -> name == null ? c.name() == null : c.name() != null && c.name().name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name + " on "
                        + table.name() + ": " + table.constraints()));
    }

    private static List<String> names(List<Ident> idents) {
        return idents.stream().map(Ident::name).toList();
    }
}
