package dev.migrationstrategist.lint;

import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;

import java.util.List;

/**
 * MySQL/MariaDB {@code ALTER TABLE t ENGINE=InnoDB} (on an InnoDB table) and {@code ALTER TABLE t FORCE}: the table
 * is rebuilt. Measured on MariaDB 10.11: INSTANT and NOCOPY refused, ALGORITHM=INPLACE, LOCK=NONE accepted, so it is
 * an online rebuild: reads and writes go on, but it takes as long as a copy and needs the table's space again. To
 * another engine it is a copy (writes wait): an error.
 */
public final class TableRebuild implements StatementRule {

    @Override
    public String summary() {
        return "MySQL/MariaDB ENGINE=InnoDB / FORCE rebuilds the whole table (online, INPLACE with LOCK=NONE); to"
                + " another engine it copies the table";
    }

    @Override
    public List<Finding> check(SqlStatement s, LintContext context) {
        String table = Shapes.alteredLiveMySqlTable(s, context);
        if (table == null) {
            return List.of();
        }
        for (Clauses.Clause c : Clauses.of(s).all()) {
            int engine = c.find("ENGINE");
            if (engine >= 0 && engine == c.from()) {
                int v = engine + 1 < c.to() && s.token(engine + 1).isSymbol("=") ? engine + 2 : engine + 1;
                String name = v < c.to() ? s.token(v).text() : "";
                if (!name.equalsIgnoreCase("InnoDB")) {
                    return List.of(new Finding(id(), Severity.ERROR, table,
                            "ENGINE=" + name + " moves " + table + " to another storage engine: the server copies"
                                    + " every row (ALGORITHM=COPY), writes waiting for the whole copy.",
                            "Move it with gh-ost / pt-online-schema-change, or on a replica that is then promoted.",
                            null));
                }
                return List.of(rebuild(s, table, "ENGINE=InnoDB"));
            }
            if (c.startsWith("FORCE") && c.to() == c.from() + 1) {
                return List.of(rebuild(s, table, "FORCE"));
            }
        }
        return List.of();
    }

    private Finding rebuild(SqlStatement s, String table, String what) {
        boolean named = Locks.algorithm(s, "INPLACE") && s.contains("LOCK");
        return new Finding(id(), Severity.WARNING, table,
                what + " rebuilds " + table + " (on an InnoDB table: the same engine, written out again): measured on"
                        + " MariaDB 10.11, ALGORITHM=INSTANT and NOCOPY are refused and ALGORITHM=INPLACE, LOCK=NONE"
                        + " accepted, so reads and writes go on, but the rebuild reads and writes the whole table"
                        + " (as long as a copy, twice its space while it runs) and holds an exclusive metadata lock"
                        + " at its start and end. If " + table + " is not InnoDB yet, it is a copy that blocks"
                        + " writes.",
                (named ? "" : "Add ALGORITHM=INPLACE, LOCK=NONE so the server refuses rather than copies; ")
                        + "drop " + what + " if it only restates the engine (a CONVERT TO or DEFAULT CHARSET alone"
                        + " is INSTANT when the charset does not change).", null);
    }
}
