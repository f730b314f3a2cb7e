package dev.migrationstrategist.strategy;

import dev.migrationstrategist.plan.LiveTarget;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Table;

/**
 * The pt-online-schema-change and gh-ost commands that copy a MySQL/MariaDB table online with one column redefined,
 * pointed at the server, database and table the plan was made from ({@code plan --db}), or at placeholders when it
 * was made from a file. Never a user or a password: the tools take those from their own options or files.
 */
final class OnlineCopyCommand {
    private OnlineCopyCommand() {
    }

    /** Both commands, each in backticks: {@code `pt-online-schema-change ...` or `gh-ost ...`}. */
    static String of(Sql sql, Table table, Column column, LiveTarget target) {
        String alter = ("MODIFY " + sql.columnDefinition(column)).replace("'", "'\\''");
        String tn = table.name().name();
        String dsn = target == null ? LiveTarget.ptOscPlaceholder(tn) : target.ptOscDsn(tn);
        String ghost = target == null ? LiveTarget.ghostPlaceholder(tn) : target.ghostOptions(tn);
        return "`pt-online-schema-change --alter '" + alter + "' " + dsn
                + " --chunk-size=1000 --max-load Threads_running=25 --critical-load Threads_running=50 --max-lag=1"
                + " --set-vars lock_wait_timeout=2 --execute` or `gh-ost " + ghost
                + " --alter='" + alter + "' --chunk-size=1000 --max-load=Threads_running=25"
                + " --critical-load=Threads_running=50 --max-lag-millis=1500 --default-retries=120 --cut-over=default"
                + " --exact-rowcount --execute`";
    }
}
