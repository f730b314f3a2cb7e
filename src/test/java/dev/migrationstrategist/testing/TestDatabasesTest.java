package dev.migrationstrategist.testing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestDatabasesTest {

    @Test
    @Tag("postgres")
    void postgresScratchSchemaIsIsolatedAndDroppedOnClose() {
        String scope;
        try (TestDatabase db = TestDatabases.postgres()) {
            scope = db.scope();
            db.execute("CREATE TABLE t (id int PRIMARY KEY)", "INSERT INTO t VALUES (1), (2)");
            assertThat(db.count("SELECT count(*) FROM t")).isEqualTo(2);
            assertThat(db.columns("t")).containsExactly("id");
        }
        try (TestDatabase other = TestDatabases.postgres()) {
            assertThat(other.count("SELECT count(*) FROM information_schema.schemata WHERE schema_name = '"
                    + scope + "'")).isZero();
        }
    }

    @Test
    @Tag("mariadb")
    void mariadbScratchDatabaseIsIsolatedAndDroppedOnClose() {
        String scope;
        try (TestDatabase db = TestDatabases.mariadb()) {
            scope = db.scope();
            db.execute("CREATE TABLE t (id int PRIMARY KEY)", "INSERT INTO t VALUES (1), (2)");
            assertThat(db.count("SELECT count(*) FROM t")).isEqualTo(2);
            assertThat(db.columns("t")).containsExactly("id");
        }
        try (TestDatabase other = TestDatabases.mariadb()) {
            assertThat(other.count("SELECT count(*) FROM information_schema.schemata WHERE schema_name = '"
                    + scope + "'")).isZero();
        }
    }
}
