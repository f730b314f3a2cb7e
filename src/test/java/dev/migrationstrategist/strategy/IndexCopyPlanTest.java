package dev.migrationstrategist.strategy;

import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.plan.SchemaStep;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What a rename or type change plans for the indexes on the column, from DDL: every index that refers to it is
 * copied with its whole definition, expressions and predicates rewritten token by token (a string literal or a
 * function that looks like the column is left alone); an index that cannot be copied is a planning error naming it.
 */
class IndexCopyPlanTest {
    private static final String PG = """
            CREATE TABLE t (id bigint PRIMARY KEY, code varchar(10) NOT NULL, other text, tags text[]);
            CREATE INDEX t_code_lower ON t (lower(code) text_pattern_ops DESC NULLS LAST) WHERE code <> 'code';
            CREATE INDEX t_other_incl ON t (other) INCLUDE (code) WHERE "code" IS NOT NULL;
            CREATE UNIQUE INDEX t_code_nnd ON t USING btree (code COLLATE "C", other) NULLS NOT DISTINCT;
            CREATE INDEX t_tags_first ON t ((tags[1])) WHERE tags IS NOT NULL;
            CREATE INDEX t_unrelated ON t (other) WHERE other <> 'code';
            """;

    @Test
    void aRenameCopiesEveryIndexThatRefersToTheColumnWithItsWholeDefinition() {
        List<String> sql = indexSql("postgresql:15", PG, "rename column t.code to c2");
        assertThat(sql).containsExactlyInAnyOrder(
                "CREATE INDEX CONCURRENTLY t_c2_lower ON t (lower(c2) text_pattern_ops DESC NULLS LAST)"
                        + " WHERE c2 <> 'code';",
                "CREATE INDEX CONCURRENTLY t_other_incl_c2 ON t (other) INCLUDE (c2) WHERE c2 IS NOT NULL;",
                "CREATE UNIQUE INDEX CONCURRENTLY t_c2_nnd ON t (c2 COLLATE \"C\", other) NULLS NOT DISTINCT;");
        assertThat(indexSql("postgresql:15", PG, "rename column t.tags to labels")).containsExactly(
                "CREATE INDEX CONCURRENTLY t_labels_first ON t ((labels[1])) WHERE labels IS NOT NULL;");
    }

    @Test
    void aTypeChangeRefusesACopyThatKeepsWhatOnlyFitsTheOldType() {
        StrategistException e = catchThrowableOfType(StrategistException.class, () -> plan("postgresql:15",
                "CREATE TABLE t (id bigint PRIMARY KEY, code varchar(10) NOT NULL);"
                        + " CREATE INDEX t_code_pattern ON t (code varchar_pattern_ops);",
                "change type of t.code to bigint"));
        assertThat(e.getMessage()).contains("index t_code_pattern", "operator class varchar_pattern_ops");
        StrategistException prefix = catchThrowableOfType(StrategistException.class, () -> plan("mariadb:10.11",
                "CREATE TABLE t (id bigint PRIMARY KEY, code varchar(10) NOT NULL, KEY t_code (code(4)));",
                "change type of t.code to bigint"));
        assertThat(prefix.getMessage()).contains("index t_code", "a prefix length (4)");
    }

    @Test
    void anIndexOnTheWholeRowIsAPlanningErrorNotASilentDrop() {
        StrategistException e = catchThrowableOfType(StrategistException.class, () -> plan("postgresql:15",
                "CREATE TABLE t (id bigint PRIMARY KEY, code text); CREATE INDEX t_row ON t (md5(t::text))"
                        + " WHERE code IS NOT NULL;", "rename column t.code to c2"));
        assertThat(e.getMessage()).contains("index t_row", "whole row");
    }

    @Test
    void mariadbCopiesKeepPrefixOrderVisibilityAndFulltextBuildsUnderLockShared() {
        List<String> sql = indexSql("mariadb:10.11", "CREATE TABLE t (id bigint PRIMARY KEY, code varchar(100) NOT NULL,"
                + " bio text, KEY t_code (code(10) DESC, id), FULLTEXT KEY t_code_ft (code, bio),"
                + " KEY t_code_hidden (code) IGNORED);", "rename column t.code to c2");
        assertThat(sql).containsExactlyInAnyOrder(
                "ALTER TABLE t ADD INDEX t_c2 (c2(10) DESC, id), ALGORITHM=INPLACE, LOCK=NONE;",
                "ALTER TABLE t ADD FULLTEXT INDEX t_c2_ft (c2, bio), ALGORITHM=INPLACE, LOCK=SHARED;",
                "ALTER TABLE t ADD INDEX t_c2_hidden (c2) IGNORED, ALGORITHM=INPLACE, LOCK=NONE;");
        // the step says what its statement locks: the FULLTEXT build blocks writes
        SchemaStep fulltext = plan("mariadb:10.11", "CREATE TABLE t (id bigint PRIMARY KEY, code varchar(100) NOT NULL,"
                + " FULLTEXT KEY t_code_ft (code));", "rename column t.code to c2").steps().stream()
                .filter(SchemaStep.class::isInstance).map(SchemaStep.class::cast)
                .filter(s -> s.action().equals("create_index")).findFirst().orElseThrow();
        assertThat(fulltext.lock()).contains("LOCK=SHARED", "writes wait");
    }

    private static List<String> indexSql(String dialect, String schema, String change) {
        return plan(dialect, schema, change).steps().stream().filter(SchemaStep.class::isInstance)
                .map(SchemaStep.class::cast).filter(s -> s.action().equals("create_index"))
                .flatMap(s -> s.sql().stream()).filter(q -> q.contains("INDEX")).toList();
    }

    private static dev.migrationstrategist.plan.Plan plan(String dialect, String schema, String change) {
        return Strategist.configure().dialect(dialect).schemaSql(schema).rows("t", 10_000_000).load().plan(change)
                .plan();
    }
}
