package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.List;

/**
 * MySQL/MariaDB {@code DROP PRIMARY KEY} without adding a new one in the same ALTER can only copy the table
 * (measured on MariaDB 10.11: INSTANT, NOCOPY and INPLACE refused, "Dropping a primary key is not allowed without
 * also adding a new primary key. Try ALGORITHM=COPY"); InnoDB then clusters the rows on a hidden row id.
 */
public final class DropPrimaryKey implements StatementRule {

    @Override
    public String summary() {
        return "MySQL/MariaDB DROP PRIMARY KEY without ADD PRIMARY KEY in the same ALTER copies the table";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        String table = Shapes.alteredTable(s);
        if (table == null || !context.mysqlFamily() || context.harmlessTable(table)
                || !s.contains("DROP", "PRIMARY", "KEY") || s.contains("ADD", "PRIMARY", "KEY")
                || s.contains("ADD", "CONSTRAINT") && s.contains("PRIMARY", "KEY", "(")) {
            return List.of();
        }
        return List.of(new Finding(id(), Severity.ERROR, table,
                "DROP PRIMARY KEY on " + table + " without a new primary key in the same ALTER can only run as"
                        + " ALGORITHM=COPY (measured: INPLACE refused, 'Dropping a primary key is not allowed without"
                        + " also adding a new primary key'): the table is copied and writes wait for the whole copy.",
                "Replace the key in one statement: ALTER TABLE " + table + " DROP PRIMARY KEY, ADD PRIMARY KEY (...),"
                        + " ALGORITHM=INPLACE, LOCK=NONE (rebuilt in place, writes go on); or use gh-ost /"
                        + " pt-online-schema-change.", null));
    }
}
