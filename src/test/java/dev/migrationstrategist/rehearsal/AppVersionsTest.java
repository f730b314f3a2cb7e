package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.plan.Plan;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The app versions a plan defines, without a database. */
class AppVersionsTest {
    static final String SCHEMA = """
            CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(255), email VARCHAR(255) NOT NULL,
                                score INT NOT NULL DEFAULT 0);
            CREATE UNIQUE INDEX users_email_key ON users (email);
            """;

    private static Plan plan(String sql) {
        return Strategist.configure().dialect("postgresql:15").schemaSql(SCHEMA).load().plan(sql).plan();
    }

    private static List<String> columns(List<AppVersion.Use> uses) {
        return uses.stream().map(u -> u.column() + "=" + u.field().name()).toList();
    }

    @Test
    void renameColumnVersionsFollowTheFieldFromNameToFullName() {
        Plan plan = plan("ALTER TABLE users RENAME COLUMN name TO full_name");
        AppVersions v = AppVersions.derive(plan, plan.dialect());
        assertThat(v.versions()).extracting(AppVersion::name).containsExactly("v1.0", "v1.1", "v1.2");
        AppVersion.Shape v10 = v.versions().get(0).shape(dev.migrationstrategist.schema.Ident.of("users"));
        assertThat(columns(v10.reads())).containsExactly("name=name", "email=email", "score=score");
        AppVersion.Shape v11 = v.versions().get(1).shape(dev.migrationstrategist.schema.Ident.of("users"));
        assertThat(columns(v11.reads())).containsExactly("name=name", "email=email", "score=score");
        assertThat(columns(v11.writes())).containsExactly("name=name", "full_name=name", "email=email", "score=score");
        assertThat(columns(v11.updates())).as("the unique email is inserted, never updated")
                .containsExactly("name=name", "full_name=name", "score=score");
        AppVersion.Shape v12 = v.last().shape(dev.migrationstrategist.schema.Ident.of("users"));
        assertThat(columns(v12.reads())).containsExactly("full_name=name", "email=email", "score=score");
        assertThat(columns(v12.writes())).containsExactly("full_name=name", "email=email", "score=score");
    }

    @Test
    void renamedEnumValueIsWrittenOldUntilV12AndReadAsOneValueThroughout() {
        Plan plan = Strategist.configure().dialect("postgresql:15").schemaSql(
                "CREATE TYPE status_t AS ENUM ('new', 'paid');\n"
                        + "CREATE TABLE orders (id BIGINT PRIMARY KEY, status status_t NOT NULL);")
                .load().plan("rename value 'paid' of enum status_t to 'settled'").plan();
        AppVersions v = AppVersions.derive(plan, plan.dialect());
        assertThat(v.versions()).extracting(AppVersion::name).containsExactly("v1.0", "v1.1", "v1.2");
        assertThat(v.versions()).extracting(AppVersion::writesRenamedLabels).containsExactly(false, false, true);
        for (AppVersion version : v.versions()) {
            AppVersion.Shape s = version.shape(dev.migrationstrategist.schema.Ident.of("orders"));
            assertThat(columns(s.writes())).as(version.name()).containsExactly("status=status");
            Field status = s.writes().get(0).field();
            assertThat(version.spelled(status, "paid")).as(version.name())
                    .isEqualTo(version.name().equals("v1.2") ? "settled" : "paid");
            assertThat(version.spelled(status, "new")).isEqualTo("new");
            // every version reads both spellings as the same value
            assertThat(status.type().canonical("paid")).isEqualTo(status.type().canonical("settled"));
        }
    }

    @Test
    void typeChangeReleaseReprepares() {
        Plan plan = plan("ALTER TABLE users ALTER COLUMN score TYPE bigint");
        AppVersions v = AppVersions.derive(plan, plan.dialect());
        assertThat(v.versions().get(0).retriesOnResultTypeChange()).isFalse();
        assertThat(v.last().retriesOnResultTypeChange()).isTrue();
        assertThat(v.last().shape(dev.migrationstrategist.schema.Ident.of("users")).reads())
                .extracting(u -> u.field().type().maxInteger()).contains(2_147_483_647L);
    }

    @Test
    void dropDefaultReleaseWritesTheColumnThatV10LeftToItsDefault() {
        Plan plan = plan("ALTER TABLE users ALTER COLUMN score DROP DEFAULT");
        AppVersions v = AppVersions.derive(plan, plan.dialect());
        assertThat(v.versions()).extracting(AppVersion::name).containsExactly("v1.0", "v1.1");
        AppVersion.Shape v10 = v.versions().get(0).shape(dev.migrationstrategist.schema.Ident.of("users"));
        assertThat(columns(v10.inserted())).as("v1.0 never names the defaulted score in an INSERT")
                .containsExactly("name=name", "email=email");
        AppVersion.Shape v11 = v.last().shape(dev.migrationstrategist.schema.Ident.of("users"));
        assertThat(columns(v11.inserted())).containsExactly("name=name", "email=email", "score=score");
        assertThat(columns(v11.reads())).containsExactly("name=name", "email=email", "score=score");
    }

    @Test
    void splitTableVersionsMoveTheFieldsToTheNewTableKeyedByTheSameKey() {
        Plan plan = plan("split table users columns name into user_names");
        AppVersions v = AppVersions.derive(plan, plan.dialect());
        AppVersion.Shape last = v.last().shape(dev.migrationstrategist.schema.Ident.of("users"));
        assertThat(last.reads()).extracting(u -> u.table() + "." + u.column()).as("in the place of the"
                + " column it replaces").containsExactly("user_names.name", "users.email", "users.score");
        assertThat(last.keyColumns(dev.migrationstrategist.schema.Ident.of("user_names")))
                .extracting(dev.migrationstrategist.schema.Ident::name).containsExactly("id");
    }

    @Test
    void aTypeChangeBetweenKindsOfValuesIsRefusedWithOneLine() {
        Plan plan = plan("change type of users.email to integer");
        assertThatThrownBy(() -> AppVersions.derive(plan, plan.dialect()))
                .isInstanceOf(StrategistException.class)
                .hasMessageStartingWith("rehearse: users.email text -> integer: a type change between kinds of values"
                        + " is not covered")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void indexKindsHaveOneVersionThroughout() {
        Plan plan = plan("CREATE INDEX users_score_idx ON users (score)");
        AppVersions v = AppVersions.derive(plan, plan.dialect());
        assertThat(v.versions()).extracting(AppVersion::name).containsExactly("v1.0");
    }
}
