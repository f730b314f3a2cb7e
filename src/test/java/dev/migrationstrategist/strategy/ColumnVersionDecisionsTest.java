package dev.migrationstrategist.strategy;

import dev.migrationstrategist.dialect.TypeChanges;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.schema.DataType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dialect, version and table size decide the plan: the decisions pinned without a database. */
class ColumnVersionDecisionsTest {
    static final String PG = "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(255) NOT NULL, email text,"
            + " score int NOT NULL DEFAULT 0, total numeric(10,2), created_at timestamp NOT NULL);";
    static final String MY = "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(255) NOT NULL,"
            + " email varchar(255), tag varchar(60), score int NOT NULL DEFAULT 0, total decimal(10,2));";

    static Plan plan(String dialect, String change) {
        return plan(dialect, change, Map.of());
    }

    static Plan plan(String dialect, String change, Map<String, Long> rows) {
        return PlanSteps.plan(dialect, dialect.startsWith("postgresql") ? PG : MY, change, rows);
    }

    static List<Phase> phases(Plan plan) {
        return plan.steps().stream().map(Step::phase).toList();
    }

    static List<String> sql(Plan plan) {
        List<String> out = new ArrayList<>();
        for (Step s : plan.steps()) {
            if (s instanceof SchemaStep schema) {
                out.addAll(schema.sql());
            }
            out.addAll(s.rollback().sql());
        }
        return out;
    }

    static List<String> rules(Plan plan) {
        return plan.findings().stream().map(Finding::rule).toList();
    }

    @Test
    void constantDefaultRewritesBeforePostgres11AndIsCatalogOnlyFrom11() {
        String change = "ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;";
        Plan pg10 = plan("postgresql:10", change);
        assertThat(phases(pg10)).containsExactly(Phase.EXPAND, Phase.BACKFILL, Phase.CONSTRAIN);
        assertThat(((SchemaStep) pg10.steps().get(0)).sql())
                .contains("ALTER TABLE users ADD COLUMN active boolean;", "ALTER TABLE users ALTER COLUMN active SET DEFAULT true;");
        assertThat(rules(pg10)).contains("add-column-default-rewrite");
        for (String v : List.of("postgresql:11", "postgresql:15")) {
            Plan p = plan(v, change);
            assertThat(phases(p)).containsExactly(Phase.EXPAND);
            assertThat(((SchemaStep) p.steps().get(0)).sql())
                    .containsExactly("SET lock_timeout = '2s';", "ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;");
            assertThat(rules(p)).doesNotContain("add-column-default-rewrite");
        }
    }

    @Test
    void volatileDefaultAlwaysGoesNullableSetDefaultBackfillOnLargeTables() {
        for (String v : List.of("postgresql:11", "postgresql:17")) {
            Plan p = plan(v, "add column users.seen_at timestamptz default clock_timestamp()");
            assertThat(phases(p)).containsExactly(Phase.EXPAND, Phase.BACKFILL);
            assertThat(rules(p)).contains("add-column-default-rewrite");
        }
        Plan stable = plan("postgresql:15", "add column users.seen_at timestamptz default now()");
        assertThat(phases(stable)).containsExactly(Phase.EXPAND);
    }

    @Test
    void aSmallTableTakesTheDirectStatementAndSaysWhy() {
        Plan small = plan("postgresql:15", "add column users.token uuid default gen_random_uuid()",
                Map.of("users", 999_999L));
        assertThat(phases(small)).containsExactly(Phase.EXPAND);
        assertThat(small.steps().get(0).bullets()).anyMatch(b -> b.contains("999,999 rows, below --large-table-rows"));
        assertThat(rules(small)).doesNotContain("add-column-default-rewrite");
        Plan atThreshold = plan("postgresql:15", "add column users.token uuid default gen_random_uuid()",
                Map.of("users", 1_000_000L));
        assertThat(phases(atThreshold)).containsExactly(Phase.EXPAND, Phase.BACKFILL);
    }

    @Test
    void nullableAddColumnIsOneExpandStepWithNoAppRelease() {
        for (String d : List.of("postgresql:15", "mysql:8.0.36", "mariadb:10.11")) {
            Plan p = plan(d, "add column users.nickname varchar(40)");
            assertThat(phases(p)).as(d).containsExactly(Phase.EXPAND);
            assertThat(p.findings()).as(d).isEmpty();
        }
    }

    @Test
    void mysqlAddsInstantlyFrom8012AndDropsInstantlyFrom8029() {
        assertThat(sql(plan("mysql:8.0.11", "add column users.nickname varchar(40)")))
                .contains("ALTER TABLE users ADD COLUMN nickname varchar(40), ALGORITHM=INPLACE, LOCK=NONE;");
        assertThat(sql(plan("mysql:8.0.12", "add column users.nickname varchar(40)")))
                .contains("ALTER TABLE users ADD COLUMN nickname varchar(40), ALGORITHM=INSTANT, LOCK=DEFAULT;");
        assertThat(sql(plan("mysql:8.0.28", "drop column users.email")))
                .contains("ALTER TABLE users DROP COLUMN email, ALGORITHM=INPLACE, LOCK=NONE;");
        assertThat(sql(plan("mysql:8.0.29", "drop column users.email")))
                .contains("ALTER TABLE users DROP COLUMN email, ALGORITHM=INSTANT, LOCK=DEFAULT;");
        assertThat(plan("mysql:8.0.12", "add column users.nickname varchar(40)").steps().get(0).bullets())
                .anyMatch(b -> b.contains("last column"));
    }

    @Test
    void mariadbAddsInstantlyFrom103AndDropsInstantlyFrom104() {
        assertThat(sql(plan("mariadb:10.2", "add column users.nickname varchar(40)")))
                .contains("ALTER TABLE users ADD COLUMN nickname varchar(40), ALGORITHM=INPLACE, LOCK=NONE;");
        assertThat(sql(plan("mariadb:10.3", "add column users.nickname varchar(40)")))
                .contains("ALTER TABLE users ADD COLUMN nickname varchar(40), ALGORITHM=INSTANT, LOCK=NONE;");
        assertThat(sql(plan("mariadb:10.3", "drop column users.email")))
                .contains("ALTER TABLE users DROP COLUMN email, ALGORITHM=INPLACE, LOCK=NONE;");
        assertThat(sql(plan("mariadb:10.4", "drop column users.email")))
                .contains("ALTER TABLE users DROP COLUMN email, ALGORITHM=INSTANT, LOCK=NONE;");
    }

    @Test
    void setNotNullSkipsTheScanFromPostgres12AndStopsAtTheValidCheckBefore() {
        SchemaStep pg12 = (SchemaStep) plan("postgresql:12", "set not null on users.email").steps().get(0);
        assertThat(pg12.sql()).containsExactly("SET lock_timeout = '2s';",
                "ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;",
                "ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;",
                "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
                "ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_not_null;");
        assertThat(pg12.transactional()).isFalse();
        SchemaStep pg11 = (SchemaStep) plan("postgresql:11", "set not null on users.email").steps().get(0);
        assertThat(pg11.sql()).noneMatch(s -> s.contains("SET NOT NULL"));
        assertThat(pg11.sql()).anyMatch(s -> s.contains("VALIDATE CONSTRAINT"));
        SchemaStep small = (SchemaStep) plan("postgresql:15", "set not null on users.email",
                Map.of("users", 10L)).steps().get(0);
        assertThat(small.sql()).containsExactly("SET lock_timeout = '2s';", "ALTER TABLE users ALTER COLUMN email SET NOT NULL;");
    }

    @Test
    void typeChangesInPlaceOnlyWhereTheServerNeitherRewritesNorScans() {
        var pg = Dialects.parse("postgresql:15");
        var maria = Dialects.parse("mariadb:10.11");
        assertThat(TypeChanges.inPlace(pg, t("varchar(255)"), t("varchar(500)"))).isTrue();
        assertThat(TypeChanges.inPlace(pg, t("character varying(255)"), t("text"))).isTrue();
        assertThat(TypeChanges.inPlace(pg, t("numeric(10,2)"), t("numeric(12,2)"))).isTrue();
        assertThat(TypeChanges.inPlace(pg, t("varchar(255)"), t("varchar(50)"))).isFalse();
        assertThat(TypeChanges.inPlace(pg, t("numeric(10,2)"), t("numeric(12,4)"))).isFalse();
        assertThat(TypeChanges.inPlace(pg, t("int"), t("bigint"))).isFalse();
        assertThat(TypeChanges.inPlace(pg, t("timestamp"), t("timestamptz"))).isFalse();
        assertThat(TypeChanges.inPlace(maria, t("varchar(60)"), t("varchar(63)"))).isTrue();
        assertThat(TypeChanges.inPlace(maria, t("varchar(255)"), t("varchar(500)"))).isTrue();
        assertThat(TypeChanges.inPlace(maria, t("varchar(60)"), t("varchar(100)"))).isFalse();
        assertThat(TypeChanges.inPlace(maria, t("int"), t("bigint"))).isFalse();
        assertThat(sql(plan("mysql:8.0.36", "change type of users.name to varchar(500)")))
                .contains("ALTER TABLE users MODIFY name varchar(500) NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;");
        assertThat(sql(plan("mariadb:10.11", "change type of users.name to varchar(500)")))
                .contains("ALTER TABLE users MODIFY name varchar(500) NOT NULL, ALGORITHM=INSTANT, LOCK=NONE;");
    }

    @Test
    void narrowingAndLossyChangesNameTheRiskAndTheCountingQuery() {
        var pg = Dialects.parse("postgresql:15");
        assertThat(TypeChanges.lossReason(t("varchar(255)"), t("varchar(50)"))).hasValueSatisfying(r -> assertThat(r).contains("longer than 50"));
        assertThat(TypeChanges.checkQuery(pg, "users", "name", t("varchar(255)"), t("varchar(50)")))
                .isEqualTo("SELECT count(*) FROM users WHERE char_length(name) > 50;");
        assertThat(TypeChanges.checkQuery(pg, "users", "n", t("bigint"), t("int")))
                .isEqualTo("SELECT count(*) FROM users WHERE n < -2147483648 OR n > 2147483647;");
        assertThat(TypeChanges.checkQuery(pg, "users", "total", t("numeric(12,4)"), t("numeric(12,2)")))
                .isEqualTo("SELECT count(*) FROM users WHERE abs(total) >= 1e10 OR total <> round(total, 2);");
        assertThat(TypeChanges.checkQuery(pg, "users", "email", t("text"), t("int"))).contains("!~");
        assertThat(TypeChanges.lossReason(t("timestamptz"), t("timestamp"))).isPresent();
        assertThat(TypeChanges.lossReason(t("timestamp"), t("timestamp with time zone"))).isPresent();
        assertThat(TypeChanges.lossReason(t("int"), t("bigint"))).isEmpty();
        assertThat(TypeChanges.lossReason(t("int"), t("text"))).isEmpty();
        assertThat(TypeChanges.lossReason(t("varchar(50)"), t("text"))).isEmpty();
        Plan narrow = plan("postgresql:15", "change type of users.name to varchar(50)");
        assertThat(narrow.findings()).filteredOn(f -> f.rule().equals("change-column-type-narrowing")).singleElement()
                .satisfies(f -> assertThat(f.safeAlternative()).contains("SELECT count(*) FROM users WHERE char_length(name) > 50;"));
        assertThat(rules(narrow)).contains("change-column-type-rewrite", "change-column-type-result-type");
    }

    @Test
    void enumAndSetValuesConvertByLabelSoOnlyARemovedLabelIsALoss() {
        var maria = Dialects.parse("mariadb:10.11");
        assertThat(TypeChanges.lossReason(t("enum('a','b')"), t("enum('x','a','b')"))).isEmpty();
        assertThat(TypeChanges.checkQuery(maria, "t", "s", t("enum('a','b')"), t("enum('x','a','b')"))).isNull();
        assertThat(TypeChanges.lossReason(t("enum('a','b','c')"), t("enum('a','z')")))
                .hasValueSatisfying(r -> assertThat(r).contains("[b, c]"));
        assertThat(TypeChanges.checkQuery(maria, "t", "s", t("enum('a','b','c')"), t("enum('a','z')")))
                .isEqualTo("SELECT count(*) FROM t WHERE s IN ('b', 'c');");
        assertThat(TypeChanges.checkQuery(maria, "t", "s", t("set('a','b')"), t("set('a')")))
                .isEqualTo("SELECT count(*) FROM t WHERE FIND_IN_SET('b', s) > 0;");
        Plan middle = PlanSteps.plan("mariadb:10.11", "CREATE TABLE orders (id bigint PRIMARY KEY,"
                + " status enum('new','paid'));", "add value 'draft' to enum orders.status before 'new'", Map.of());
        assertThat(rules(middle)).doesNotContain("change-column-type-narrowing");
    }

    @Test
    void everyMySqlAndMariaDbAlterNamesAlgorithmAndLockAndInstantPairsOnlyWithLockDefaultOnMySql() {
        List<String> changes = List.of("add column users.nickname varchar(40)", "drop column users.email",
                "set not null on users.email", "drop not null on users.name", "set default of users.tag to 'x'",
                "drop default of users.score", "change type of users.score to bigint",
                "change type of users.name to varchar(500)", "add column users.token char(36) not null default (uuid())");
        for (String d : List.of("mysql:8.0.11", "mysql:8.0.36", "mariadb:10.11")) {
            for (String change : changes) {
                for (String s : sql(plan(d, change))) {
                    if (s.startsWith("ALTER TABLE")) {
                        assertThat(s).as(d + ": " + change).containsPattern("ALGORITHM=\\w+, LOCK=\\w+;$");
                        if (d.startsWith("mysql") && s.contains("ALGORITHM=INSTANT")) {
                            assertThat(s).endsWith("ALGORITHM=INSTANT, LOCK=DEFAULT;");
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyBlockingStepStartsWithTheLockTimeout() {
        for (String d : List.of("postgresql:15", "mysql:8.0.36", "mariadb:10.11")) {
            Plan p = plan(d, "change type of users.score to bigint");
            for (Step s : p.steps()) {
                if (s instanceof SchemaStep schema && schema.blocking()) {
                    assertThat(schema.sql().get(0)).as(d + " step " + s.number()).matches("SET (SESSION )?lock_(wait_)?timeout.*");
                }
            }
        }
    }

    @Test
    void mysqlTypeChangeNeedingACopyGoesThroughTheSwapAndNamesTheOnlineSchemaChangeTools() {
        Plan p = plan("mysql:8.0.36", "ALTER TABLE users MODIFY score bigint NOT NULL DEFAULT 0;");
        assertThat(p.steps().get(0).actions()).anyMatch(a -> a.contains("pt-online-schema-change --alter 'MODIFY score bigint NOT NULL DEFAULT 0' D=<database>,t=users")
                && a.contains("gh-ost") && a.contains("--max-load"));
        assertThat(p.steps()).extracting(Step::action).contains("swap_column");
    }

    @Test
    void notNullWithoutDefaultOnATableWithRowsIsRefusedWithTheWayOut() {
        assertThatThrownBy(() -> plan("postgresql:15", "add column users.code int not null"))
                .isInstanceOf(StrategistException.class).hasMessageContaining("NOT NULL without a DEFAULT")
                .hasMessageContaining("give it a DEFAULT");
        assertThat(phases(plan("postgresql:15", "add column users.code int not null", Map.of("users", 0L))))
                .containsExactly(Phase.EXPAND);
    }

    @Test
    void dropColumnIsAReleaseThenAnIrreversibleContract() {
        Plan p = plan("postgresql:15", "drop column users.email");
        assertThat(phases(p)).containsExactly(Phase.APP_RELEASE_2, Phase.CONTRACT);
        assertThat(p.steps().get(0).action()).isEqualTo("stop_using_column");
        assertThat(p.steps().get(1).rollback().irreversible()).isTrue();
        assertThat(rules(p)).containsExactly("drop-column-in-use");
    }

    @Test
    void invalidChangesAreOneLineUserErrors() {
        assertThatThrownBy(() -> plan("postgresql:15", "change type of users.score to integer"))
                .hasMessageContaining("already has type");
        assertThatThrownBy(() -> plan("postgresql:15", "set not null on users.name")).hasMessageContaining("already NOT NULL");
        assertThatThrownBy(() -> plan("postgresql:15", "drop default of users.email")).hasMessageContaining("no default");
        assertThatThrownBy(() -> plan("postgresql:15", "drop column users.id")).hasMessageContaining("primary key");
        assertThatThrownBy(() -> plan("postgresql:15", "add column users.name text")).hasMessageContaining("already has a column");
    }

    private static DataType t(String text) {
        return DataType.parse(text);
    }
}
