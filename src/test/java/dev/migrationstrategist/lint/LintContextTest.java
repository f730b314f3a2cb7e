package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Context inside a file and across the run: transactions, lock timeouts, new tables, NOT VALID + VALIDATE. */
class LintContextTest {
    @TempDir
    Path dir;

    @Test
    void commentsStringsAndFunctionBodiesAreNotStatements() {
        LintResult r = LintRun.sql(dir, "postgresql", """
                SET lock_timeout = '2s';
                -- VACUUM FULL users;
                /* TRUNCATE users; */
                SELECT 'TRUNCATE users; VACUUM FULL users;';
                CREATE FUNCTION purge() RETURNS void AS $$ BEGIN TRUNCATE users; END $$ LANGUAGE plpgsql;
                DO $body$ BEGIN EXECUTE 'CLUSTER users'; END $body$;
                """);
        assertThat(r.findings()).isEmpty();
        assertThat(r.statements()).isEqualTo(4);
    }

    @Test
    void mysqlProcedureBodiesUnderDelimiterAreOneStatement() {
        LintResult r = LintRun.sql(dir, "mysql", """
                DELIMITER //
                CREATE PROCEDURE purge() BEGIN TRUNCATE TABLE users; END //
                DELIMITER ;
                # TRUNCATE TABLE users;
                SELECT "TRUNCATE TABLE users;";
                """);
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void aTableCreatedInAnEarlierFileOfTheRunIsNewAndEmptyWhenThatFileIsNewToo() {
        LintResult r = new LintRun(dir)
                .file("V1__create.sql", "CREATE TABLE events (payload text);")
                .file("V2__alter.sql", """
                        ALTER TABLE events ADD COLUMN id bigserial PRIMARY KEY;
                        VACUUM FULL events;
                        TRUNCATE events;
                        ALTER TABLE events RENAME COLUMN payload TO body;
                        """)
                .lintNew("postgresql", "V1__create.sql", "V2__alter.sql");
        assertThat(r.findings()).isEmpty();
        assertThat(r.files()).isEqualTo(2);
    }

    @Test
    void byDefaultATableAnEarlierFileCreatedIsLive() {
        LintResult r = new LintRun(dir)
                .file("V1__create.sql", "CREATE TABLE events (payload text);")
                .file("V2__alter.sql", """
                        SET lock_timeout = '2s';
                        ALTER TABLE events ADD COLUMN id bigserial PRIMARY KEY;
                        VACUUM FULL events;
                        TRUNCATE events;
                        ALTER TABLE events RENAME COLUMN payload TO body;
                        """)
                .lint("postgresql");
        assertThat(LintRun.rules(r)).containsExactlyInAnyOrder("serial-primary-key-on-existing-table", "vacuum-full",
                "truncate-table", "rename-column-in-use");
        assertThat(r.findings()).extracting(LintFinding::file).containsOnly("V2__alter.sql");
    }

    @Test
    void theSameStatementsOnAnExistingTableAreFlagged() {
        LintResult r = LintRun.sql(dir, "postgresql", """
                ALTER TABLE events ADD COLUMN id bigserial PRIMARY KEY;
                VACUUM FULL events;
                TRUNCATE events;
                ALTER TABLE events RENAME COLUMN payload TO body;
                """);
        assertThat(LintRun.rules(r)).containsExactly("missing-lock-timeout", "serial-primary-key-on-existing-table",
                "vacuum-full", "truncate-table", "rename-column-in-use");
        LintFinding rename = r.findings().get(4);
        assertThat(rename.location()).isEqualTo("migration.sql:4:1");
        assertThat(rename.impact().lock()).isEqualTo("ACCESS EXCLUSIVE on events");
        assertThat(rename.impact().blockedList()).containsExactly("reads", "writes");
        assertThat(rename.planCommand()).isEqualTo(
                "strategist plan --dialect postgresql:17 --sql \"ALTER TABLE events RENAME COLUMN payload TO body\"");
        assertThat(r.findings().get(1).impact().rewrite()).isTrue();
    }

    @Test
    void concurrentIndexIsAnErrorOnlyInsideATransaction() {
        LintResult r = LintRun.sql(dir, "postgresql", """
                BEGIN;
                CREATE INDEX CONCURRENTLY a_idx ON users (a);
                COMMIT;
                CREATE INDEX CONCURRENTLY b_idx ON users (b);
                DROP INDEX CONCURRENTLY c_idx;
                """);
        assertThat(r.findings()).extracting(LintFinding::rule, LintFinding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("concurrent-index-in-transaction", 2));
        assertThat(r.findings().get(0).message()).contains("BEGIN on line 1");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void aFlywayMigrationIsATransactionUnlessItHoldsOnlyNonTransactionalStatementsOrIsMarked() {
        LintResult r = new LintRun(dir)
                .file("V1__mixed.sql", "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN a text;\n"
                        + "CREATE INDEX CONCURRENTLY a_idx ON users (a);")
                .file("V2__alone.sql", "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY b_idx ON users (b);")
                .file("V3__marked.sql", "ALTER TABLE users ADD COLUMN c text;\nCREATE INDEX CONCURRENTLY c_idx ON users (c);")
                .file("V3__marked.sql.conf", "executeInTransaction=false\n")
                .lint("postgresql");
        assertThat(r.findings()).filteredOn(f -> f.rule().equals("concurrent-index-in-transaction"))
                .extracting(LintFinding::file).containsExactly("V1__mixed.sql");
        assertThat(r.findings().get(0).safeAlternative()).contains("V1__mixed.sql.conf", "executeInTransaction=false");
    }

    @Test
    void liquibaseChangesetsRunInATransactionUnlessRunInTransactionFalse() {
        LintResult r = LintRun.sql(dir, "postgresql", """
                --liquibase formatted sql

                --changeset alice:1
                CREATE INDEX CONCURRENTLY a_idx ON users (a);

                --changeset alice:2 runInTransaction:false
                CREATE INDEX CONCURRENTLY b_idx ON users (b);
                """);
        assertThat(r.findings()).extracting(LintFinding::rule, LintFinding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("concurrent-index-in-transaction", 4));
        assertThat(r.findings().get(0).safeAlternative()).contains("runInTransaction:false");
    }

    @Test
    void aLockTimeoutEarlierInTheSameFileSatisfiesTheRuleButNotOneInAnotherFileOrZero() {
        LintResult r = new LintRun(dir)
                .file("V1__a.sql", "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN a text;")
                .file("V2__b.sql", "ALTER TABLE users ADD COLUMN b text;\nALTER TABLE users ADD COLUMN c text;")
                .file("V3__c.sql", "SET lock_timeout = 0;\nALTER TABLE users ADD COLUMN d text;")
                .file("V4__d.sql", "ALTER TABLE users ADD COLUMN e text;\nSET lock_timeout = '1s';")
                .lint("postgresql");
        assertThat(r.findings()).extracting(LintFinding::file, LintFinding::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("V2__b.sql", 1),
                org.assertj.core.groups.Tuple.tuple("V3__c.sql", 2),
                org.assertj.core.groups.Tuple.tuple("V4__d.sql", 1));
        assertThat(r.exitCode()).isZero();
        assertThat(r.findings()).allMatch(f -> f.severity() == Severity.WARNING);
    }

    @Test
    void mysqlNeedsLockWaitTimeoutAndAnAlgorithm() {
        LintResult r = new LintRun(dir)
                .file("V1__a.sql", "ALTER TABLE users ADD COLUMN a int NULL;")
                .file("V2__b.sql", "SET SESSION lock_wait_timeout = 2;\nALTER TABLE users ADD COLUMN b int NULL, ALGORITHM=INSTANT;")
                .lint("mariadb:10.11");
        assertThat(r.findings()).extracting(LintFinding::rule)
                .containsExactly("missing-lock-timeout", "ddl-without-algorithm");
        assertThat(r.findings().get(1).safeAlternative())
                .contains("ALTER TABLE users ADD COLUMN a int NULL, ALGORITHM=INSTANT;");
        assertThat(r.findings().get(0).impact().lock()).startsWith("exclusive metadata lock on users");
    }

    @Test
    void aNotValidConstraintValidatedInALaterFileIsTheSafePattern() {
        LintResult r = new LintRun(dir)
                .file("V1__check.sql", "SET lock_timeout = '2s';\n"
                        + "ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;")
                .file("V2__validate.sql", "ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;")
                .file("V3__not_null.sql", "SET lock_timeout = '2s';\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\n"
                        + "ALTER TABLE users DROP CONSTRAINT users_email_nn;")
                .lint("postgresql");
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void validatingInTheTransactionThatAddedItNotValidIsFlagged() {
        LintResult r = new LintRun(dir)
                .file("V1__fk.sql", "SET lock_timeout = '2s';\n"
                        + "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
                        + "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;")
                .lint("postgresql");
        assertThat(LintRun.rules(r)).containsExactly("validate-in-same-transaction");
    }

    @Test
    void enumValueInATransactionOnlyMattersBeforePostgres12() {
        String sql = "BEGIN;\nALTER TYPE status ADD VALUE 'archived';\nCOMMIT;";
        assertThat(LintRun.rules(LintRun.sql(dir.resolve("a"), "postgresql:11", sql)))
                .containsExactly("enum-value-in-transaction");
        assertThat(LintRun.sql(dir.resolve("b"), "postgresql:12", sql).findings()).isEmpty();
    }

    @Test
    void aFileThatDoesNotParseIsAFindingWithItsLineAndTheOtherFilesAreStillLinted() {
        LintResult r = new LintRun(dir)
                .file("V1__broken.sql", "SET lock_timeout = '2s';\n\nCREATE FUNCTION f() AS $$ BEGIN\n")
                .file("V2__ok.sql", "SET lock_timeout = '2s';\nVACUUM FULL users;")
                .lint("postgresql");
        assertThat(r.findings()).extracting(LintFinding::rule, LintFinding::location).containsExactly(
                org.assertj.core.groups.Tuple.tuple("parse-error", "V1__broken.sql:3:24"),
                org.assertj.core.groups.Tuple.tuple("vacuum-full", "V2__ok.sql:2:1"));
    }

    @Test
    void statementsTheChangeReaderDoesNotUnderstandAreNotJudgedByChangeRulesAndDoNotCrash() {
        LintResult r = LintRun.sql(dir, "postgresql", """
                SET lock_timeout = '2s';
                ALTER TABLE users ADD COLUMN nickname text;
                ALTER TABLE users ALTER COLUMN name TYPE varchar(500);
                CREATE INDEX CONCURRENTLY users_nick ON users (nickname);
                ALTER TABLE ONLY users ALTER COLUMN x SET DEFAULT 0, ADD COLUMN weird gibberish(((1)));
                CREATE TRIGGER t BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION f();
                COMMENT ON TABLE users IS 'people';
                """);
        // only the widening that lint cannot confirm without State A (a warning, not a failure)
        assertThat(LintRun.rules(r)).containsExactly("change-column-type-without-schema");
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.statements()).isEqualTo(7);
    }
}
