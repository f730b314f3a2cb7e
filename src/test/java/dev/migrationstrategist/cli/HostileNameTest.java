package dev.migrationstrategist.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A hostile column name reaches the SQL only inside a properly quoted identifier, in both dialect families. */
class HostileNameTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"false,postgresql:15", "true,mysql:8.0", "true,mariadb:10.11"})
    void hostileNameAppearsOnlyQuoted(boolean mysqlFamily, String dialect) throws Exception {
        HostileNames names = new HostileNames(mysqlFamily, dialect);
        JsonNode plan = names.plan(dir);
        List<String> sql = HostileNames.allSql(plan);
        assertThat(sql).anySatisfy(s -> assertThat(s).contains(names.quoted()));
        for (String statement : sql) {
            String bare = names.withoutQuotedText(statement);
            assertThat(bare).as(statement).doesNotContain("DROP TABLE").doesNotContain("--").doesNotContain("x\"");
        }
        assertThat(plan.at("/changes/0/column").asText()).isEqualTo(HostileNames.NAME);
    }
}
