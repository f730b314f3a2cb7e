package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.List;

/**
 * MySQL/MariaDB FULLTEXT (and SPATIAL) index builds need a shared lock: measured on MariaDB 10.11, ADD FULLTEXT
 * INDEX refused LOCK=NONE ("Fulltext index creation requires a lock. Try LOCK=SHARED") and the first FULLTEXT
 * index rebuilt the table (new InnoDB table id, for the hidden FTS_DOC_ID column). Writes wait for the build.
 */
public final class FulltextIndex implements StatementRule {

    @Override
    public String summary() {
        return "a FULLTEXT or SPATIAL index on an existing MySQL/MariaDB table blocks writes for the build (LOCK=NONE is"
                + " refused)";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        if (!context.mysqlFamily()) {
            return List.of();
        }
        boolean create = s.startsWith("CREATE", "FULLTEXT") || s.startsWith("CREATE", "SPATIAL");
        int after = Shapes.afterAlteredTable(s);
        boolean add = after >= 0 && (s.find(after, "ADD", "FULLTEXT") >= 0 || s.find(after, "ADD", "SPATIAL") >= 0);
        if (!create && !add) {
            return List.of();
        }
        String table = Shapes.table(s);
        if (context.harmlessTable(table)) {
            return List.of();
        }
        String kind = s.contains("SPATIAL") && !s.contains("FULLTEXT") ? "SPATIAL" : "FULLTEXT";
        return List.of(new Finding(id(), Severity.ERROR, table,
                "A " + kind + " index on " + table + " cannot be built with LOCK=NONE (measured: 'Fulltext index"
                        + " creation requires a lock. Try LOCK=SHARED'; the first FULLTEXT index also rebuilt the"
                        + " table): every write to " + table + " waits for the whole build.",
                "Build it with gh-ost / pt-online-schema-change, or on a copy of the table that you swap in, or in a"
                        + " window when writes can wait.", null));
    }
}
