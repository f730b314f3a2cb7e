package dev.migrationstrategist.dialect;

import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.statement.OnlineDdl;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Names;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.statement.AddConstraint;
import dev.migrationstrategist.statement.ConstraintKind;
import dev.migrationstrategist.statement.CreateIndex;
import dev.migrationstrategist.statement.DropConstraint;
import dev.migrationstrategist.statement.DropIndex;
import dev.migrationstrategist.statement.ModifyColumns;
import dev.migrationstrategist.statement.SetForeignKeyChecks;
import dev.migrationstrategist.statement.SetIndexIgnored;
import dev.migrationstrategist.statement.Statement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * MySQL (and, through {@link MariaDbDialect}, MariaDB): non-transactional DDL, metadata locks bounded by
 * {@code lock_wait_timeout}, online DDL chosen with {@code ALGORITHM} and {@code LOCK}.
 */
public non-sealed class MySqlDialect extends Dialect {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Set<String> RESERVED = Set.of(
            "accessible", "add", "all", "alter", "analyze", "and", "as", "asc", "asensitive", "before", "between",
            "bigint", "binary", "blob", "both", "by", "call", "cascade", "case", "change", "char", "character", "check",
            "collate", "column", "condition", "constraint", "continue", "convert", "create", "cross", "cube",
            "cume_dist", "current_date", "current_role", "current_time", "current_timestamp", "current_user", "cursor",
            "database", "databases", "day_hour", "day_microsecond", "day_minute", "day_second", "dec", "decimal",
            "declare", "default", "delayed", "delete", "dense_rank", "desc", "describe", "deterministic", "distinct",
            "distinctrow", "div", "double", "drop", "dual", "each", "else", "elseif", "empty", "enclosed", "escaped",
            "except", "exists", "exit", "explain", "false", "fetch", "first_value", "float", "float4", "float8", "for",
            "force", "foreign", "from", "fulltext", "function", "generated", "get", "grant", "group", "grouping",
            "groups", "having", "high_priority", "hour_microsecond", "hour_minute", "hour_second", "if", "ignore", "in",
            "index", "infile", "inner", "inout", "insensitive", "insert", "int", "int1", "int2", "int3", "int4", "int8",
            "integer", "intersect", "interval", "into", "io_after_gtids", "io_before_gtids", "is", "iterate", "join",
            "json_table", "key", "keys", "kill", "lag", "last_value", "lateral", "lead", "leading", "leave", "left",
            "like", "limit", "linear", "lines", "load", "localtime", "localtimestamp", "lock", "long", "longblob",
            "longtext", "loop", "low_priority", "master_bind", "master_ssl_verify_server_cert", "match", "maxvalue",
            "mediumblob", "mediumint", "mediumtext", "middleint", "minute_microsecond", "minute_second", "mod",
            "modifies", "natural", "not", "no_write_to_binlog", "nth_value", "ntile", "null", "numeric", "of",
            "offset", "on", "optimize", "optimizer_costs", "option", "optionally", "or", "order", "out", "outer",
            "outfile", "over", "partition", "percent_rank", "precision", "primary", "procedure", "purge", "range",
            "rank", "read", "reads", "read_write", "real", "recursive", "references", "regexp", "release", "rename",
            "repeat", "replace", "require", "resignal", "restrict", "return", "returning", "revoke", "right", "rlike",
            "row", "rows", "row_number", "schema", "schemas", "second_microsecond", "select", "sensitive", "separator",
            "set", "show", "signal", "smallint", "spatial", "specific", "sql", "sqlexception", "sqlstate",
            "sqlwarning", "sql_big_result", "sql_calc_found_rows", "sql_small_result", "ssl", "starting", "stored",
            "straight_join", "system", "table", "terminated", "then", "tinyblob", "tinyint", "tinytext", "to",
            "trailing", "trigger", "true", "undo", "union", "unique", "unlock", "unsigned", "update", "usage", "use",
            "using", "utc_date", "utc_time", "utc_timestamp", "values", "varbinary", "varchar", "varcharacter",
            "varying", "virtual", "when", "where", "while", "window", "with", "write", "xor", "year_month",
            "zerofill");

    public MySqlDialect(Version version) {
        super(version);
    }

    public MySqlDialect(Version version, String currentDatabase) {
        super(version, currentDatabase);
    }

    @Override
    protected String defaultSchema() {
        return null;
    }

    @Override
    public MySqlDialect inSchema(String database) {
        return new MySqlDialect(version(), database);
    }

    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public String displayName() {
        return "MySQL " + version().major() + "." + version().minor();
    }

    @Override
    protected String quoteName(String name) {
        if (PLAIN.matcher(name).matches() && !RESERVED.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.matches("\\d+[eE].*")) {
            return name;
        }
        return '`' + name.replace("`", "``") + '`';
    }

    @Override
    public String literal(String value) {
        // Doubling quotes and backslashes is correct whether or not NO_BACKSLASH_ESCAPES is set.
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    public String lockTimeoutStatement(Duration timeout) {
        return "SET SESSION lock_wait_timeout = " + wholeSeconds(timeout) + ";";
    }

    /** The same bound for the row locks a statement waits for (InnoDB's own timeout; the server's default is 50 s). */
    public String rowLockTimeoutStatement(Duration timeout) {
        return "SET SESSION innodb_lock_wait_timeout = " + wholeSeconds(timeout) + ";";
    }

    /** Both timeouts count whole seconds: a timeout is rounded up, to at least 1 s. */
    private static long wholeSeconds(Duration timeout) {
        return Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    public boolean ignoresChecks() {
        return !version().atLeast(8, 0);
    }

    /**
     * The collation a character set takes when a statement names it without one ({@code CONVERT TO CHARACTER SET
     * utf8mb4}): MySQL 8.0 made {@code utf8mb4_0900_ai_ci} the default; every other charset (and utf8mb4 before 8.0)
     * its {@code _general_ci} one, latin1 {@code latin1_swedish_ci}. Null when not known here.
     */
    public String defaultCollation(String charset) {
        if (charset == null) {
            return null;
        }
        return switch (charset) {
            case "utf8mb4" -> version().atLeast(8, 0) ? "utf8mb4_0900_ai_ci" : "utf8mb4_general_ci";
            case "utf8mb3", "ascii", "ucs2", "utf16", "utf32", "binary" -> "binary".equals(charset) ? "binary"
                    : charset + "_general_ci";
            case "latin1" -> "latin1_swedish_ci";
            default -> null;
        };
    }

    /**
     * Whether utf8mb3 → utf8mb4 of a CHAR, VARCHAR or TEXT column ({@code MODIFY c VARCHAR(n) CHARACTER SET
     * utf8mb4}, and {@code CONVERT TO} a table whose text columns are all CHAR/VARCHAR) runs as ALGORITHM=INSTANT.
     * Not measured on MySQL here: false, so lint keeps calling it a copy.
     */
    public boolean utf8mb4WideningInstant() {
        return false;
    }

    @Override
    public String distinct(String left, String right) {
        return "NOT (" + left + " <=> " + right + ")";
    }

    @Override
    public OnlineDdl addColumnAlgorithm() {
        return version().atLeast(8, 0, 12) ? OnlineDdl.INSTANT : OnlineDdl.INPLACE;
    }

    @Override
    public OnlineDdl dropColumnAlgorithm() {
        return version().atLeast(8, 0, 29) ? OnlineDdl.INSTANT : OnlineDdl.INPLACE;
    }

    @Override
    public OnlineDdl instantOrInplace() {
        return addColumnAlgorithm() == OnlineDdl.INSTANT ? OnlineDdl.INSTANT : OnlineDdl.INPLACE;
    }

    @Override
    public OnlineDdl alterAlgorithm(OnlineDdl algorithm) {
        return algorithm;
    }

    @Override
    public String lockWords(OnlineDdl algorithm) {
        return switch (algorithm) {
            case INSTANT -> "exclusive metadata lock, instant (milliseconds)";
            case NOCOPY, INPLACE -> "in-place, LOCK=NONE: reads and writes go on; exclusive metadata lock for"
                    + " milliseconds at start and end";
            case INPLACE_SHARED -> "in-place, LOCK=SHARED: reads go on, writes wait for the whole build";
            case COPY -> "table copy, LOCK=SHARED: writes wait for the whole copy";
        };
    }

    @Override
    public String rebuildInPlaceLock() {
        return lockWords(OnlineDdl.INPLACE) + " (table rebuilt in place)";
    }

    @Override
    public List<Statement> setNotNullOnline(Ident table, Column column) {
        return List.of(new ModifyColumns(table, List.of(column.withNullable(false).withDefault(null)),
                OnlineDdl.INPLACE));
    }

    @Override
    public Statement dropNotNull(Ident table, Column column) {
        return new ModifyColumns(table, List.of(column.withNullable(true).withDefault(null)), OnlineDdl.INPLACE);
    }

    @Override
    public Statement dropNotNullKeepingDefault(Ident table, Column column) {
        return new ModifyColumns(table, List.of(column.withNullable(true)), OnlineDdl.INPLACE);
    }

    @Override
    public Statement setNotNullDirect(Ident table, Column column) {
        return new ModifyColumns(table, List.of(column.withNullable(false)), OnlineDdl.INPLACE);
    }

    @Override
    public List<Statement> restoreNotNull(Ident table, Column column) {
        return List.of(new ModifyColumns(table, List.of(column), OnlineDdl.INPLACE));
    }

    @Override
    public Statement createIndexOnline(Index index) {
        return new CreateIndex(index, false, indexBuildAlgorithm(index));
    }

    /** FULLTEXT and SPATIAL indexes build in place only with LOCK=SHARED (error 1846 for LOCK=NONE, measured). */
    private static OnlineDdl indexBuildAlgorithm(Index index) {
        return "fulltext".equals(index.method()) || "spatial".equals(index.method()) ? OnlineDdl.INPLACE_SHARED
                : OnlineDdl.INPLACE;
    }

    @Override
    public String indexCopyLock(Index index) {
        OnlineDdl algorithm = indexBuildAlgorithm(index);
        return algorithm == OnlineDdl.INPLACE ? indexCopyLock() : lockWords(algorithm);
    }

    @Override
    public Statement dropIndexOnline(Index index) {
        return new DropIndex(index.table(), index.name(), false, false, OnlineDdl.INPLACE);
    }

    @Override
    public List<Statement> addForeignKeyOnline(Ident table, Constraint.ForeignKey fk) {
        return List.of(new SetForeignKeyChecks(false), new AddConstraint(table, fk, false, OnlineDdl.INPLACE),
                new SetForeignKeyChecks(true));
    }

    @Override
    public Statement dropForeignKey(Ident table, Ident fk) {
        return new DropConstraint(table, fk, ConstraintKind.FOREIGN_KEY, false, OnlineDdl.INPLACE);
    }

    @Override
    public List<Statement> dropsBeforeColumn(Table table, Ident column) {
        Ident t = table.name();
        List<Statement> out = new ArrayList<>();
        List<Ident> indexes = new ArrayList<>();
        table.indexesOn(column).forEach(i -> indexes.add(i.name()));
        for (Constraint c : table.constraintsOn(column)) {
            if (c instanceof Constraint.ForeignKey fk) {
                Ident name = fk.name() == null ? Names.constraint(t, column, "fkey") : fk.name();
                out.add(dropForeignKey(t, name));
                boolean indexed = table.indexes().stream()
                        .anyMatch(i -> !i.columns().isEmpty() && i.columns().get(0).sameAs(fk.columns().get(0)));
                if (!indexed) {
                    indexes.add(name); // the index the server built for the key, named after it
                }
            } else if (c instanceof Constraint.Unique u) {
                indexes.add(u.name() == null ? u.columns().get(0) : u.name()); // MySQL names it after the column
            }
        }
        for (Ident index : indexes) {
            out.add(dropIndexOnline(new Index(index, t, List.of(column), false, null, null, true)));
        }
        return out;
    }

    @Override
    public String onlineIndexRoute() {
        return "in place";
    }

    @Override
    public boolean onlineIndexBlocks() {
        return true;
    }

    @Override
    public String createIndexLock(String table) {
        return "in place with LOCK=NONE: reads and writes go on; exclusive metadata lock only at start and end";
    }

    @Override
    public String dropIndexLock(String table) {
        return "in place with LOCK=NONE, metadata only; exclusive metadata lock for a moment";
    }

    @Override
    public String createIndexFailureAdvice(Ident index, boolean unique) {
        return unique ? "If a duplicate is written while it builds, the ALTER fails with `Duplicate entry` and"
                + " leaves nothing behind: fix the rows and run it again." : null;
    }

    @Override
    public String unusedIndexAdvice(Ident table, Ident index) {
        return "To try it reversibly first, hide it from the optimizer: `"
                + render(new SetIndexIgnored(table, index, true)) + "` (" + indexVisibilityVersion() + ").";
    }

    /** The first version that can hide an index from the optimizer. */
    protected String indexVisibilityVersion() {
        return "MySQL 8.0+";
    }

    @Override
    public String renameTableLock(String table) {
        return "exclusive metadata lock on `" + table + "`, instant";
    }

    @Override
    public String dropUnusedTableLock(String table) {
        return "exclusive metadata lock on `" + table + "` (no app uses it)";
    }

    @Override
    public String tableDumpTool() {
        return "mysqldump";
    }

    @Override
    public String dropNotNullCost() {
        return "MODIFY with the full column definition (type and default kept), in place with LOCK=NONE: the"
                + " table is rebuilt online, reads and writes go on.";
    }

    @Override
    public String dropColumnCost() {
        return dropColumnAlgorithm() == OnlineDdl.INPLACE ? displayName() + " has no instant DROP COLUMN: it"
                + " rebuilds the table in place with LOCK=NONE (reads and writes go on)." : null;
    }

    @Override
    public String smallTableNotNullCost() {
        return "in-place rebuild";
    }

    @Override
    public String smallTableNotNullLock() {
        return lockWords(OnlineDdl.INPLACE);
    }

    @Override
    public boolean validatesConstraintsLater() {
        return false;
    }

    @Override
    public Dialect forTarget(String database) {
        return database == null || database.isEmpty() ? this : inSchema(database);
    }

    @Override
    public boolean swapsKeyOnline() {
        return false;
    }

    /**
     * The floor on MariaDB 10.11 (the same write volume on another table) was 6.6-7.1x the idle p99 on a quiet
     * machine, so a budget of 3 held the backfill at 100-row batches (77 s for a 1,000,000-row type change against
     * 12 s without a budget); 8 is just above that floor.
     */
    @Override
    public double defaultMaxLatencyRatio() {
        return 8;
    }

    @Override
    public boolean copiesKeyTables() {
        return true;
    }

    @Override
    public boolean keyTypeChangeDropsForeignKeys() {
        return true;
    }

    @Override
    public String onlineKeyChangeAdvice(Ident table, Column target, boolean referenced, String onlineCopyCommand) {
        if (referenced) {
            return "InnoDB changes it only by copying the table with writes blocked, and refuses to change a column"
                    + " a foreign key uses (errors 1832/1833, even with foreign_key_checks = 0) while parent and"
                    + " child must keep the same type; the built-in shadow-table copy, which keeps those foreign"
                    + " keys, handles a referenced primary key only (gh-ost refuses tables with foreign keys;"
                    + " pt-online-schema-change re-creates the children's foreign keys against the old child type);"
                    + " plan it with --rows for every table involved if they are small, or in a maintenance window";
        }
        return "InnoDB changes a key column's type only by copying the table with writes blocked; copy it online"
                + " instead: " + onlineCopyCommand;
    }

    @Override
    public java.util.Optional<Statement> widenNumbering(Ident table, Column column, DataType to) {
        return java.util.Optional.empty(); // the AUTO_INCREMENT counter follows the column (kept by the MODIFY)
    }

    @Override
    public java.util.Optional<String> foreignKeyTypeMismatch(DataType child, DataType parent) {
        TypeChanges.Family c = TypeChanges.family(child);
        TypeChanges.Family p = TypeChanges.family(parent);
        boolean fixed = c == TypeChanges.Family.INTEGER || c == TypeChanges.Family.NUMERIC
                || p == TypeChanges.Family.INTEGER || p == TypeChanges.Family.NUMERIC;
        if (fixed) {
            if (TypeChanges.unsigned(child) != TypeChanges.unsigned(parent)) {
                return java.util.Optional.of("one is UNSIGNED and the other is not; InnoDB requires the same sign on"
                        + " both sides of a foreign key");
            }
            boolean same = TypeChanges.canonical(child).equals(TypeChanges.canonical(parent))
                    && (c == TypeChanges.Family.INTEGER || child.args().equals(parent.args()));
            return same ? java.util.Optional.empty() : java.util.Optional.of("InnoDB requires integer and decimal"
                    + " columns of the same size on both sides of a foreign key");
        }
        if (c == TypeChanges.Family.STRING && p == TypeChanges.Family.STRING) {
            return java.util.Optional.empty();
        }
        return c == p && (c != TypeChanges.Family.OTHER || TypeChanges.same(child, parent)) ? java.util.Optional.empty()
                : java.util.Optional.of("InnoDB requires similar types on both sides of a foreign key");
    }

    @Override
    public boolean uniqueIsConstraint() {
        return false;
    }

    @Override
    public boolean addPrimaryKeyInPlace() {
        return true;
    }

    @Override
    public boolean notNullStopsAtCheck() {
        return false;
    }

    @Override
    public boolean hasDomains() {
        return false;
    }

    @Override
    public boolean addEnumValueInTransaction() {
        return false;
    }

    @Override
    public boolean createsIndexesSeparately() {
        return false;
    }

    @Override
    public String newTableParentLock(String parents) {
        return "shared metadata lock on " + parents + " for milliseconds (its foreign keys)";
    }

    @Override
    public OnlineDdl addColumnAlgorithm(boolean catalogOnly, boolean volatileDefault) {
        return catalogOnly ? addColumnAlgorithm() : volatileDefault ? OnlineDdl.COPY : OnlineDdl.INPLACE;
    }

    @Override
    public String smallTableRewriteLock(OnlineDdl algorithm) {
        return lockWords(algorithm);
    }

    @Override
    public String tableRebuildWord() {
        return "copy";
    }

    @Override
    public String rebuildingDefaultReason() {
        return "a default that is not a literal or CURRENT_TIMESTAMP cannot be added in place";
    }

    @Override
    public String catalogOnlyAddColumnCost(String d) {
        if (addColumnAlgorithm() == OnlineDdl.INSTANT) {
            boolean lastOnly = instantAddLastOnly();
            return "ALGORITHM=INSTANT: metadata only, no table copy" + (lastOnly
                    ? "; added as the last column, the only place " + displayName()
                    + " before 8.0.29 can add one instantly." : ".");
        }
        return versionNote() + " has no instant ADD COLUMN: ALGORITHM=INPLACE, LOCK=NONE rebuilds the"
                + " table online (reads and writes go on)" + (d == null ? "." : "; it does so with or without the"
                + " default, so the default stays in the statement and no backfill is needed.");
    }

    /** True when INSTANT can add a column only as the last one (MySQL before 8.0.29). */
    protected boolean instantAddLastOnly() {
        return !version().atLeast(8, 0, 29);
    }

    /** "MySQL 8.0.11", or for a version without patch level, how it was read and how to say more. */
    protected String versionNote() {
        Version v = version();
        if (v.patch() == 0) {
            return "MySQL " + v.major() + "." + v.minor() + " (read as " + v.major() + "." + v.minor() + ".0; give the"
                    + " patch level, e.g. --dialect mysql:" + v.major() + "." + v.minor() + ".36, if it is newer)";
        }
        return "MySQL " + v;
    }

    @Override
    public OnlineDdl dropConstraintAlgorithm() {
        return OnlineDdl.INPLACE;
    }

    /** MySQL documents INPLACE with foreign_key_checks = 0. */
    @Override
    public OnlineDdl addForeignKeyAlgorithm(boolean indexed) {
        return OnlineDdl.INPLACE;
    }

    @Override
    public String addCheckCopyReason() {
        return "adding a CHECK on " + displayName() + " copies the table (measured on MariaDB"
                + " 10.11: ALGORITHM=COPY is the only algorithm accepted, INSTANT, NOCOPY and INPLACE are refused"
                + addCheckCopyMeasuredNote() + ")";
    }

    /** What the measurement of {@link #addCheckCopyReason} says about this family. */
    protected String addCheckCopyMeasuredNote() {
        return "; MySQL assumed the same, not measured";
    }

    @Override
    public boolean enforcesChecks() {
        return version().atLeast(8, 0, 16);
    }

    @Override
    public String checksEnforcedFrom() {
        return "8.0.16";
    }

    @Override
    public String familyName() {
        return "MySQL";
    }

    @Override
    public NotNullRoute notNullRoute(Ident table, Column column) {
        String c = column.name().name();
        return new NotNullRoute(
                List.of(new ModifyColumns(table, List.of(column.withNullable(false)), OnlineDdl.INPLACE)),
                List.of(new ModifyColumns(table, List.of(column.withNullable(true)), OnlineDdl.INPLACE)),
                lockWords(OnlineDdl.INPLACE) + " (the table is rebuilt in place)",
                List.of("Make `" + c + "` NOT NULL in place with LOCK=NONE: the table is rebuilt online, reads and"
                        + " writes go on; the statement fails (changing nothing) if a NULL is left (strict sql_mode)."),
                "`" + table + "." + c + "` NOT NULL",
                "If a NULL is left the statement fails and changes nothing: fill the NULLs and rerun.");
    }

    @Override
    public boolean triggersCallFunctions() {
        return false;
    }

    @Override
    public boolean updatesLeaveDeadRows() {
        return false;
    }

    @Override
    public boolean viewsBindToColumns() {
        return false;
    }

    @Override
    public String quietTriggersStatement() {
        return null;
    }

    @Override
    public String quietTriggersReset() {
        return null;
    }

    @Override
    public String notDistinct(String left, String right) {
        return left + " <=> " + right;
    }

    @Override
    public String upsertTail(Ident key, List<Ident> columns) {
        return "ON DUPLICATE KEY UPDATE " + columns.stream()
                .map(c -> quote(c) + " = VALUES(" + quote(c) + ")").collect(java.util.stream.Collectors.joining(", "));
    }

    @Override
    public List<Statement> dropNotNullAll(Ident table, List<Column> columns) {
        return List.of(new ModifyColumns(table, columns.stream().map(c -> c.withNullable(true)).toList(),
                OnlineDdl.INPLACE));
    }

    @Override
    public List<Statement> setNotNullAll(Ident table, List<Column> columns) {
        return List.of(new ModifyColumns(table, columns, OnlineDdl.INPLACE));
    }

    @Override
    public String dropNotNullRoute() {
        return "in place, LOCK=NONE";
    }

    @Override
    public String syncTriggerLimit() {
        return "While the triggers exist, a multi-table UPDATE that reads one of the two tables and changes"
                + " the moved columns of the other fails with error 1442 (a trigger cannot write a table its"
                + " statement uses): keep app writes to one table per statement.";
    }

    /**
     * MySQL cannot drop a trigger without queueing for the table's metadata lock (its {@code lock_wait_timeout} is at
     * least 1 s, and it has no per-statement setting for DDL): an application transaction that wrote one table and
     * then writes the other asks for a stronger lock behind the queued DROP TRIGGER, a metadata-lock deadlock whose
     * victim is the application (measured on MariaDB 10.11, which avoids it with a zero wait).
     */
    @Override
    public String triggerDropDeadlock(String first, String second) {
        return "While each sync trigger is dropped, an app transaction that writes " + first + " and then " + second
                + " may fail once with a deadlock (error 1213): MySQL queues the DROP TRIGGER for the table's metadata"
                + " lock (at least 1 s) and rolls back the application's transaction; retry it.";
    }

    /** How fast an ALTER with {@code algorithm} is, in words. */
    private static String speed(OnlineDdl algorithm) {
        return algorithm.name().equals("INSTANT") ? "instant" : "in-place rebuild with LOCK=NONE";
    }

    @Override
    public String addColumnsLock(String tables) {
        return "exclusive metadata lock, " + speed(addColumnAlgorithm());
    }

    @Override
    public String dropColumnsLock(String tables) {
        return "exclusive metadata lock, " + speed(dropColumnAlgorithm());
    }

    @Override
    public String addColumnsWithTriggerLock(String table, String triggerTable) {
        return "exclusive metadata lock on " + table + ", " + speed(addColumnAlgorithm())
                + "; trigger creation takes a short exclusive metadata lock on " + triggerTable;
    }

    @Override
    public String newTableWithTriggersLock(String parent) {
        return "shared metadata lock on " + parent + " for the foreign key; trigger creation"
                + " takes a short exclusive metadata lock";
    }

    @Override
    public String dropTableWithTriggersLock(String dropped, String kept) {
        return "exclusive metadata lock on " + dropped + ", milliseconds";
    }

    @Override
    public String insertSkippingDuplicates() {
        return "INSERT IGNORE INTO ";
    }

    @Override
    public String skipDuplicatesTail(Ident key) {
        return "";
    }

    @Override
    public String skipDuplicatesWords() {
        return "INSERT IGNORE";
    }

    @Override
    public String upsertWords() {
        return "ON DUPLICATE KEY UPDATE";
    }

    @Override
    public String updateJoinText(Ident main, Ident m, Ident side, Ident s, String on, List<Ident> columns) {
        String set = columns.stream().map(n -> quote(m) + "." + quote(n) + " = " + quote(s) + "." + quote(n))
                .collect(java.util.stream.Collectors.joining(", "));
        return "UPDATE " + quote(main) + " " + quote(m) + " JOIN " + quote(side) + " " + quote(s)
                + " ON " + on + " SET " + set;
    }

    @Override
    public boolean namesPrimaryKeys() {
        return false;
    }

    @Override
    public boolean predictsForeignKeyNames() {
        return false;
    }

    @Override
    public boolean foreignKeyBuildsIndex() {
        return true;
    }

    @Override
    public String indexCopyLock() {
        return "in-place, LOCK=NONE (reads and writes go on)";
    }

    @Override
    public String foreignKeyOnlineRoute() {
        return ": with foreign_key_checks = 0 the ALTER runs in place without scanning the table.";
    }

    @Override
    public String foreignKeyOnlineLock() {
        return "in-place, LOCK=NONE, no scan (reads and writes go on)";
    }

    @Override
    public String addCheckRoute() {
        return "a table copy (pt-online-schema-change or gh-ost on a large table)";
    }

    @Override
    public String tableRebuildVerb() {
        return "copies";
    }

    @Override
    public Statement changeTypeRebuilding(Ident table, Column column, dev.migrationstrategist.schema.DataType to) {
        return new ModifyColumns(table, List.of(column.withType(to)), OnlineDdl.COPY);
    }

    @Override
    public String swapWindow() {
        return "LOCK TABLES ... WRITE window";
    }

    @Override
    public String replaceViewLock() {
        return "exclusive metadata lock on each view, for a catalog change only (milliseconds; queries on the view"
                + " wait that long, the tables are not locked)";
    }

    @Override
    public String swapLock() {
        return "LOCK TABLES ... WRITE for milliseconds (reads and writes wait)";
    }

    @Override
    public String typeSwapClientNote(String column) {
        return "The server re-prepares prepared statements after the swap; result-set metadata (column type and"
                + " length) changes.";
    }

    @Override
    public String addConstraintOnlineRoute() {
        return "a unique index ALGORITHM=INPLACE, LOCK=NONE; a check or foreign key through"
                + " pt-online-schema-change or gh-ost on a large table";
    }

    @Override
    public boolean hasInlineEnums() {
        return true;
    }

    @Override
    public Statement changeTypeInPlace(Ident table, Column column, dev.migrationstrategist.schema.DataType to,
                                       OnlineDdl algorithm) {
        return new ModifyColumns(table, List.of(column.withType(to)), algorithm);
    }

    @Override
    public boolean dropColumnShrinksIndexes() {
        return true;
    }

    @Override
    public boolean hasOnlineSchemaChangeTools() {
        return true;
    }

    @Override
    public OnlineDdl renameColumnAlgorithm() {
        return version().atLeast(8, 0, 28) ? OnlineDdl.INSTANT : OnlineDdl.INPLACE;
    }

    @Override
    public String inPlaceTypeChangeWhy(dev.migrationstrategist.schema.DataType from,
                                       dev.migrationstrategist.schema.DataType to, OnlineDdl algorithm) {
        return "In place: the varchar length prefix stays " + TypeChanges.prefixBytes(to.length()) + " byte"
                + (TypeChanges.prefixBytes(to.length()) == 1 ? "" : "s") + " (counted for utf8mb4, 4 bytes a character;"
                + " a column in a 1-byte character set may differ), so "
                + (algorithm == OnlineDdl.INSTANT ? "ALGORITHM=INSTANT changes the metadata only."
                : "ALGORITHM=INPLACE, LOCK=NONE extends it without a rebuild.");
    }

    @Override
    public String directTypeChangeCost(String table) {
        return "copy `" + table + "` (only ALGORITHM=COPY can change this type; writes wait for the whole copy)";
    }

    @Override
    public boolean notNullViaValidCheck() {
        return false;
    }

    @Override
    public boolean checksNotNullBeforeTriggers() {
        return true;
    }

    @Override
    public String copiedNotNullLock() {
        return "in-place rebuild, LOCK=NONE (reads and writes go on)";
    }

    @Override
    public boolean indexNamesSchemaWide() {
        return false;
    }

    @Override
    public boolean foreignKeyNeedsIndex() {
        return true;
    }

    @Override
    public boolean hasIndexMethod(String method) {
        return List.of("btree", "hash").contains(method);
    }

    @Override
    public boolean hasEnumTypes() {
        return false;
    }

    @Override
    public boolean renamesEnumValues() {
        return false;
    }

    /** How an ALTER drops a CHECK constraint: MySQL {@code DROP CHECK}. */
    public String dropCheckKeyword() {
        return "DROP CHECK";
    }

    /** The index attribute that hides an index from the optimizer (or shows it): MySQL 8.0 INVISIBLE / VISIBLE. */
    public String indexVisibilityKeyword(boolean visible) {
        return visible ? "VISIBLE" : "INVISIBLE";
    }

    @Override
    public String render(dev.migrationstrategist.statement.Statement statement) {
        return statement.accept(new MySqlRenderer(this));
    }

    @Override
    public String render(dev.migrationstrategist.statement.BackfillStatement statement,
                         dev.migrationstrategist.statement.KeyParameters parameters) {
        return statement.accept(new MySqlRenderer(this), parameters);
    }

    /**
     * The clause that pins an algorithm, e.g. {@code ALGORITHM=INPLACE, LOCK=NONE}. MySQL accepts only
     * {@code LOCK=DEFAULT} with {@code INSTANT}.
     */
    public String algorithmClause(OnlineDdl algorithm) {
        return switch (algorithm) {
            case INSTANT -> "ALGORITHM=INSTANT, LOCK=DEFAULT";
            case NOCOPY, INPLACE -> "ALGORITHM=INPLACE, LOCK=NONE";
            case INPLACE_SHARED -> "ALGORITHM=INPLACE, LOCK=SHARED";
            case COPY -> "ALGORITHM=COPY, LOCK=SHARED";
        };
    }
}
