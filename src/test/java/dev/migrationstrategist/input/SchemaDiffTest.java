package dev.migrationstrategist.input;

import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.PlanOptions;
import dev.migrationstrategist.planner.Planner;
import dev.migrationstrategist.schema.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@link SchemaDiff} on hand-written pairs of DDL: every mapping onto a change kind (the changes as JSON, in order,
 * and the plan of them validates and reaches State B), every refusal (one line naming the object).
 */
class SchemaDiffTest {
    static final Dialect PG = Dialects.parse("postgresql:15");
    static final String USERS = "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50) NOT NULL, age integer);\n";

    static Schema read(String ddl) {
        return new SchemaReader(PG).read(ddl, "test.sql");
    }

    static List<String> diff(String a, String b, List<String> renames, List<String> tableRenames) {
        Schema from = read(a);
        Schema to = read(b);
        List<Change> changes = SchemaDiff.diff(from, to, SchemaDiff.Hints.parse(renames, tableRenames));
        if (changes.isEmpty()) {
            return List.of();
        }
        // every diff plans: each change validates against the state the earlier ones lead to
        Plan plan = new Planner().plan(changes, new PlanContext(from, PG, PlanOptions.defaults()));
        assertThat(plan.after().tables()).extracting(t -> t.name().name())
                .containsExactlyInAnyOrderElementsOf(to.tables().stream().map(t -> t.name().name()).toList());
        return changes.stream().map(c -> c.kind() + " " + c.fields()).toList();
    }

    static List<String> diff(String a, String b) {
        return diff(a, b, List.of(), List.of());
    }

    static Stream<Arguments> mappings() {
        return Stream.of(
                arguments("create table", USERS, USERS + "CREATE TABLE tags (id bigint PRIMARY KEY, label text);",
                        List.of(), List.of(), List.of("create_table")),
                arguments("drop table", USERS + "CREATE TABLE tags (id bigint PRIMARY KEY, label text);", USERS,
                        List.of(), List.of(), List.of("drop_table {table=tags}")),
                arguments("add column", USERS,
                        "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50) NOT NULL, age integer, bio text);",
                        List.of(), List.of(), List.of("add_column")),
                arguments("drop column", USERS, "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50) NOT NULL);",
                        List.of(), List.of(), List.of("drop_column {table=users, column=age}")),
                arguments("type change", USERS,
                        "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50) NOT NULL, age bigint);",
                        List.of(), List.of(), List.of("change_column_type {table=users, column=age, new_type=bigint")),
                arguments("set not null", USERS,
                        "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50) NOT NULL, age integer NOT NULL);",
                        List.of(), List.of(), List.of("set_not_null {table=users, column=age}")),
                arguments("drop not null", USERS,
                        "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50), age integer);",
                        List.of(), List.of(), List.of("drop_not_null {table=users, column=name}")),
                arguments("set default", USERS,
                        "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50) NOT NULL, age integer DEFAULT 18);",
                        List.of(), List.of(), List.of("set_default {table=users, column=age")),
                arguments("drop default",
                        "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50) NOT NULL, age integer DEFAULT 18);",
                        USERS, List.of(), List.of(), List.of("drop_default {table=users, column=age}")),
                arguments("create index", USERS, USERS + "CREATE INDEX users_age_idx ON users (age);",
                        List.of(), List.of(), List.of("create_index {table=users, name=users_age_idx")),
                arguments("drop index", USERS + "CREATE INDEX users_age_idx ON users (age);", USERS,
                        List.of(), List.of(), List.of("drop_index {table=users, name=users_age_idx")),
                arguments("add check", USERS, USERS + "ALTER TABLE users ADD CONSTRAINT age_ok CHECK (age >= 0);",
                        List.of(), List.of(), List.of("add_check {table=users, name=age_ok")),
                arguments("add unique", USERS, USERS + "ALTER TABLE users ADD CONSTRAINT users_name_key UNIQUE (name);",
                        List.of(), List.of(), List.of("add_unique {table=users, name=users_name_key, columns=[name]}")),
                arguments("add primary key (no set_not_null besides)",
                        "CREATE TABLE t (id bigint, v text);", "CREATE TABLE t (id bigint PRIMARY KEY, v text);",
                        List.of(), List.of(), List.of("add_primary_key {table=t")),
                arguments("add foreign key to a new table, after it",
                        USERS + "CREATE TABLE orders (id bigint PRIMARY KEY, tag_id bigint);",
                        USERS + "CREATE TABLE orders (id bigint PRIMARY KEY, tag_id bigint REFERENCES tags (id));"
                                + "CREATE TABLE tags (id bigint PRIMARY KEY);",
                        List.of(), List.of(), List.of("create_table", "add_foreign_key {table=orders")),
                arguments("new tables in reference order",
                        USERS, USERS + "CREATE TABLE a (id bigint PRIMARY KEY, b_id bigint REFERENCES b (id));"
                                + "CREATE TABLE b (id bigint PRIMARY KEY, note text);",
                        List.of(), List.of(), List.of("create_table {table=b", "create_table {table=a")),
                arguments("dropped tables, the referencing one first",
                        USERS + "CREATE TABLE b (id bigint PRIMARY KEY, note text);"
                                + "CREATE TABLE a (id bigint PRIMARY KEY, b_id bigint REFERENCES b (id));", USERS,
                        List.of(), List.of(), List.of("drop_table {table=a}", "drop_table {table=b}")),
                arguments("enum value appended and inserted",
                        "CREATE TYPE mood AS ENUM ('ok', 'sad');" + USERS,
                        "CREATE TYPE mood AS ENUM ('happy', 'ok', 'meh', 'sad', 'angry');" + USERS,
                        List.of(), List.of(), List.of("add_enum_value {type=mood, value=happy, before=ok}",
                                "add_enum_value {type=mood, value=meh, after=ok}",
                                "add_enum_value {type=mood, value=angry, after=sad}")),
                arguments("domain check added and dropped",
                        "CREATE DOMAIN pos AS integer CONSTRAINT pos_a CHECK (VALUE > 0);"
                                + "CREATE TABLE t (id bigint PRIMARY KEY, v pos);",
                        "CREATE DOMAIN pos AS integer CONSTRAINT pos_b CHECK (VALUE < 100);"
                                + "CREATE TABLE t (id bigint PRIMARY KEY, v pos);",
                        List.of(), List.of(), List.of("drop_domain_check {domain=pos, name=pos_a}",
                                "add_domain_check {domain=pos, name=pos_b")),
                arguments("hinted column rename: the expand/contract rebuilds the index under a derived name, so"
                                + " B's index name is planned back; it rebuilds the check as years_ok, taken for B's"
                                + " age_ok (same expression, the name the rename gives it)",
                        USERS + "ALTER TABLE users ADD CONSTRAINT age_ok CHECK (age >= 0);"
                                + "CREATE INDEX users_age_idx ON users (age);",
                        "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50) NOT NULL, years integer);"
                                + "ALTER TABLE users ADD CONSTRAINT age_ok CHECK (years >= 0);"
                                + "CREATE INDEX users_age_idx ON users (years);",
                        List.of("users.age=years"), List.of(),
                        List.of("rename_column {table=users, column=age, new_name=years}",
                                "drop_index {table=users, name=users_years_idx",
                                "create_index {table=users, name=users_age_idx, columns=[years]")),
                arguments("hinted rename with a new type",
                        USERS, "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50) NOT NULL, years bigint);",
                        List.of("users.age=years"), List.of(),
                        List.of("rename_column {table=users, column=age, new_name=years, type=bigint}")),
                arguments("hinted table rename, then a column rename by the new table name",
                        USERS, "CREATE TABLE people (id bigint PRIMARY KEY, full_name varchar(50) NOT NULL, age integer);",
                        List.of("people.name=full_name"), List.of("users=people"),
                        List.of("rename_table {table=users, new_name=people}",
                                "rename_column {table=people, column=name, new_name=full_name}")),
                arguments("dropped column takes its index along",
                        USERS + "CREATE INDEX users_age_idx ON users (age);",
                        "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50) NOT NULL);",
                        List.of(), List.of(), List.of("drop_column {table=users, column=age}")),
                arguments("several at once, in dependency order",
                        USERS, "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50), age bigint NOT NULL"
                                + " DEFAULT 0, email text);"
                                + "CREATE INDEX users_email_idx ON users (email);",
                        List.of(), List.of(), List.of("add_column {table=users, column=email",
                                "drop_not_null {table=users, column=name}", "set_default {table=users, column=age",
                                "set_not_null {table=users, column=age}", "change_column_type {table=users, column=age",
                                "create_index {table=users, name=users_email_idx")),
                arguments("same schema spelled differently: no change",
                        USERS, "create table USERS (ID int8 primary key, NAME character varying(50) not null, AGE int4);",
                        List.of(), List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mappings")
    void maps_each_difference_onto_a_change_kind(String name, String a, String b, List<String> renames,
                                                 List<String> tableRenames, List<String> expectedPrefixes) {
        List<String> changes = diff(a, b, renames, tableRenames);
        assertThat(changes).as(String.join("\n", changes)).hasSameSizeAs(expectedPrefixes);
        for (int i = 0; i < changes.size(); i++) {
            assertThat(changes.get(i)).startsWith(expectedPrefixes.get(i));
        }
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                arguments("column rename without a hint", USERS,
                        "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50) NOT NULL, years integer);",
                        List.of(), List.of(), "table users: column age disappears and column years of the same type"
                                + " (integer) appears: a rename is not drop + add; give --rename users.age=years"),
                arguments("table rename without a hint", USERS,
                        "CREATE TABLE people (id bigint PRIMARY KEY, name varchar(50) NOT NULL, age integer);",
                        List.of(), List.of(), "table users disappears and table people with the same columns appears:"
                                + " a rename is not drop + add; give --rename-table users=people"),
                arguments("dropped constraint", USERS + "ALTER TABLE users ADD CONSTRAINT age_ok CHECK (age >= 0);",
                        USERS, List.of(), List.of(),
                        "table users: check constraint age_ok is dropped or changed in State B; no change kind drops a"
                                + " constraint"),
                arguments("changed check", USERS + "ALTER TABLE users ADD CONSTRAINT age_ok CHECK (age >= 0);",
                        USERS + "ALTER TABLE users ADD CONSTRAINT age_ok CHECK (age >= 18);", List.of(), List.of(),
                        "table users: check constraint age_ok is dropped or changed in State B; no change kind drops a"
                                + " constraint"),
                arguments("dropped primary key", USERS,
                        "CREATE TABLE users (id bigint NOT NULL, name varchar(50) NOT NULL, age integer);",
                        List.of(), List.of(), "table users: primary key on (id) is dropped or changed in State B;"
                                + " no change kind drops a constraint"),
                arguments("reordered columns", USERS,
                        "CREATE TABLE users (id bigint PRIMARY KEY, age integer, name varchar(50) NOT NULL);",
                        List.of(), List.of(), "table users: columns are reordered (id, name, age -> id, age, name);"
                                + " no change kind reorders columns"),
                arguments("changed index", USERS + "CREATE INDEX users_x ON users (age);",
                        USERS + "CREATE INDEX users_x ON users (name);", List.of(), List.of(),
                        "table users: index users_x changes its definition; drop it and create the new one under"
                                + " another name"),
                arguments("partial index", USERS, USERS + "CREATE INDEX users_x ON users (age) WHERE age > 0;",
                        List.of(), List.of(), "table users: index users_x is on a WHERE clause; create_index plans"
                                + " plain column indexes only"),
                arguments("enum value removed", "CREATE TYPE mood AS ENUM ('ok', 'sad');" + USERS,
                        "CREATE TYPE mood AS ENUM ('ok');" + USERS, List.of(), List.of(),
                        "enum type mood: values are removed or reordered (ok, sad -> ok); only added values can be"
                                + " planned"),
                arguments("new enum type", USERS, "CREATE TYPE mood AS ENUM ('ok');" + USERS, List.of(), List.of(),
                        "enum type mood is new; no change kind creates an enum type"),
                arguments("changed domain check",
                        "CREATE DOMAIN pos AS integer CONSTRAINT pos_a CHECK (VALUE > 0);" + USERS,
                        "CREATE DOMAIN pos AS integer CONSTRAINT pos_a CHECK (VALUE > 1);" + USERS, List.of(), List.of(),
                        "domain pos: check pos_a changes its expression; no change kind alters a check"),
                arguments("new check on a column whose type changes", USERS,
                        "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50) NOT NULL, age bigint,"
                                + " CONSTRAINT age_ok CHECK (age >= 0));", List.of(), List.of(),
                        "table users: check constraint age_ok is new on column age, whose type changes too; plan the"
                                + " type change first (--to a state with the new type), then check constraint age_ok"),
                arguments("new index on a column whose type changes", USERS,
                        "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50) NOT NULL, age bigint);"
                                + "CREATE INDEX users_age_idx ON users (age);", List.of(), List.of(),
                        "table users: index users_age_idx is new on column age, whose type changes too"),
                arguments("hint names a missing column", USERS, USERS, List.of("users.nope=x"), List.of(),
                        "rename users.nope=x: table users has no column nope in State A"),
                arguments("hint names a missing table", USERS, USERS, List.of(), List.of("nope=x"),
                        "rename table nope=x: State A has no table nope"),
                arguments("malformed hint", USERS, USERS, List.of("users-age"), List.of(),
                        "rename users-age: expected TABLE.OLD=NEW"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refuses_what_no_change_kind_expresses(String name, String a, String b, List<String> renames,
                                               List<String> tableRenames, String message) {
        assertThatThrownBy(() -> SchemaDiff.diff(read(a), read(b), SchemaDiff.Hints.parse(renames, tableRenames)))
                .isInstanceOfSatisfying(StrategistException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                    assertThat(e.getMessage()).startsWith(message).doesNotContain("\n");
                });
    }

    @Test
    void a_dropped_column_of_another_type_is_a_drop_not_a_rename() {
        assertThat(diff(USERS, "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50) NOT NULL, bio text);"))
                .hasSize(2).first().asString().startsWith("add_column {table=users, column=bio");
    }
}
