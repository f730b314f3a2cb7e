package dev.migrationstrategist.dialect;

import dev.migrationstrategist.schema.DataType;
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
import dev.migrationstrategist.statement.DropNotNull;
import dev.migrationstrategist.statement.SetNotNull;
import dev.migrationstrategist.statement.Statement;
import dev.migrationstrategist.statement.ValidateConstraint;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** PostgreSQL: transactional DDL, {@code lock_timeout}, {@code CONCURRENTLY}, {@code NOT VALID}. */
public final class PostgresDialect extends Dialect {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");
    /** Reserved (and type-function) keywords of PostgreSQL that cannot be used unquoted as a column name. */
    private static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "binary",
            "both", "case", "cast", "check", "collate", "collation", "column", "concurrently", "constraint", "create",
            "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
            "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end",
            "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having", "ilike",
            "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left",
            "like", "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only",
            "or", "order", "outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
            "session_user", "similar", "some", "symmetric", "system_user", "table", "tablesample", "then", "to",
            "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window",
            "with", "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists",
            "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval", "least", "national",
            "nchar", "none", "normalize", "nullif", "numeric", "out", "overlay", "position", "precision", "real", "row",
            "setof", "smallint", "substring", "time", "timestamp", "treat", "trim", "values", "varchar", "xmlattributes",
            "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
            "xmlserialize", "xmltable");

    public PostgresDialect(Version version) {
        super(version);
    }

    public PostgresDialect(Version version, String currentSchema) {
        super(version, currentSchema);
    }

    @Override
    protected String defaultSchema() {
        return "public";
    }

    @Override
    public PostgresDialect inSchema(String schema) {
        return new PostgresDialect(version(), schema);
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String displayName() {
        return "PostgreSQL " + version().major();
    }

    @Override
    public String versionLabel() {
        return version().minor() == 0 && version().patch() == 0 ? "" + version().major() : version().toString();
    }

    @Override
    protected String quoteName(String name) {
        if (PLAIN.matcher(name).matches() && !RESERVED.contains(name)) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    @Override
    public String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    public String lockTimeoutStatement(Duration timeout) {
        return "SET lock_timeout = '" + formatDuration(timeout) + "';";
    }

    static String formatDuration(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    /** A btree index scan takes a row-value comparison as its index condition. */
    @Override
    public dev.migrationstrategist.statement.KeyComparison keyComparison() {
        return dev.migrationstrategist.statement.KeyComparison.ROW_VALUE;
    }

    /**
     * A row-value bound on a partitioned parent is an index condition on every partition but prunes none: with 200
     * range partitions a 1,000-row batch took 98 ms through the parent, 43 ms through its partition
     * (docs/measurements.md). Each leaf is walked on its own.
     */
    @Override
    public boolean backfillsPerPartition() {
        return true;
    }

    /** "Partitioned tables cannot have BEFORE / FOR EACH ROW triggers" before 13 (measured on 11). */
    @Override
    public boolean rowTriggersOnPartitionedTables() {
        return version().atLeast(13, 0);
    }

    @Override
    public boolean ignoresChecks() {
        return false;
    }

    @Override
    public String distinct(String left, String right) {
        return left + " IS DISTINCT FROM " + right;
    }

    @Override
    public String render(dev.migrationstrategist.statement.Statement statement) {
        return statement.accept(new PostgresRenderer(this));
    }

    @Override
    public String render(dev.migrationstrategist.statement.BackfillStatement statement,
                         dev.migrationstrategist.statement.KeyParameters parameters) {
        return statement.accept(new PostgresRenderer(this), parameters);
    }

    /** What every catalog-only ALTER takes on PostgreSQL. */
    static final String CATALOG_ONLY = "ACCESS EXCLUSIVE, catalog only (milliseconds)";

    @Override
    public String lockWords(dev.migrationstrategist.statement.OnlineDdl algorithm) {
        return CATALOG_ONLY;
    }

    @Override
    public String rebuildInPlaceLock() {
        return CATALOG_ONLY;
    }

    @Override
    public dev.migrationstrategist.statement.OnlineDdl addColumnAlgorithm() {
        return null;
    }

    @Override
    public dev.migrationstrategist.statement.OnlineDdl dropColumnAlgorithm() {
        return null;
    }

    @Override
    public dev.migrationstrategist.statement.OnlineDdl instantOrInplace() {
        return null;
    }

    @Override
    public dev.migrationstrategist.statement.OnlineDdl alterAlgorithm(
            dev.migrationstrategist.statement.OnlineDdl algorithm) {
        return null;
    }

    @Override
    public List<Statement> setNotNullOnline(Ident table, Column column) {
        if (!notNullFromValidCheck()) {
            return List.of(new SetNotNull(table, column.name()));
        }
        Ident check = Names.constraint(table, column.name(), "not_null");
        return List.of(
                new AddConstraint(table, new Constraint.Check(check, quote(column.name()) + " IS NOT NULL",
                        List.of(column.name()), false), true, null),
                new ValidateConstraint(table, check),
                new SetNotNull(table, column.name()),
                new DropConstraint(table, check, ConstraintKind.CHECK, false, null));
    }

    @Override
    public Statement dropNotNull(Ident table, Column column) {
        return new DropNotNull(table, column.name());
    }

    @Override
    public Statement dropNotNullKeepingDefault(Ident table, Column column) {
        return dropNotNull(table, column);
    }

    @Override
    public Statement setNotNullDirect(Ident table, Column column) {
        return new SetNotNull(table, column.name());
    }

    @Override
    public List<Statement> restoreNotNull(Ident table, Column column) {
        return setNotNullOnline(table, column);
    }

    @Override
    public Statement createIndexOnline(Index index) {
        return new CreateIndex(index, true, null);
    }

    @Override
    public Statement dropIndexOnline(Index index) {
        return new DropIndex(index.table(), index.name(), true, true, null);
    }

    @Override
    public List<Statement> addForeignKeyOnline(Ident table, Constraint.ForeignKey fk) {
        return List.of(new AddConstraint(table, fk, true, null), new ValidateConstraint(table, fk.name()));
    }

    @Override
    public Statement dropForeignKey(Ident table, Ident fk) {
        return new DropConstraint(table, fk, ConstraintKind.CHECK, true, null);
    }

    @Override
    public List<Statement> dropsBeforeColumn(Table table, Ident column) {
        return List.of();
    }

    @Override
    public String onlineIndexRoute() {
        return "concurrently, outside a transaction";
    }

    @Override
    public boolean onlineIndexBlocks() {
        return false;
    }

    @Override
    public String createIndexLock(String table) {
        return "SHARE UPDATE EXCLUSIVE (reads and writes go on); two scans of `" + table + "`, and it"
                + " first waits for the transactions that were writing when it started";
    }

    @Override
    public String dropIndexLock(String table) {
        return "SHARE UPDATE EXCLUSIVE on `" + table + "` and the index (reads and writes go on); it"
                + " waits for open transactions that use `" + table + "`";
    }

    @Override
    public String createIndexFailureAdvice(Ident index, boolean unique) {
        return "If it fails or is cancelled it leaves an INVALID index `" + index + "` behind that"
                + " still takes the name (and may slow writes): run `DROP INDEX CONCURRENTLY IF EXISTS "
                + quote(index) + ";`, then run this step again.";
    }

    @Override
    public String unusedIndexAdvice(Ident table, Ident index) {
        return "Check first that no query needs it: `SELECT idx_scan FROM pg_stat_user_indexes WHERE"
                + " indexrelname = " + literal(index.name()) + "` should stop growing.";
    }

    @Override
    public String renameTableLock(String table) {
        return "ACCESS EXCLUSIVE on `" + table + "` for milliseconds";
    }

    @Override
    public String dropUnusedTableLock(String table) {
        return "ACCESS EXCLUSIVE on `" + table + "` for milliseconds (no app uses it)";
    }

    @Override
    public String tableDumpTool() {
        return "pg_dump --table";
    }

    @Override
    public String dropNotNullCost() {
        return "Catalog only: no scan, no rewrite.";
    }

    @Override
    public String dropColumnCost() {
        return "Catalog only; the space comes back with a later rewrite (VACUUM FULL or pg_repack).";
    }

    @Override
    public String smallTableNotNullCost() {
        return "scan under ACCESS EXCLUSIVE";
    }

    @Override
    public String smallTableNotNullLock() {
        return "ACCESS EXCLUSIVE while the small table is scanned";
    }

    @Override
    public boolean indexesPartitionsSeparately() {
        return true;
    }

    /** Before 18: "cannot add NOT VALID foreign key on partitioned table" (measured on 15). */
    @Override
    public boolean notValidForeignKeyOnPartitionedTable() {
        return version().atLeast(18);
    }

    @Override
    public boolean validatesConstraintsLater() {
        return true;
    }

    @Override
    public boolean swapsKeyOnline() {
        return true;
    }

    @Override
    public boolean keyTypeChangeDropsForeignKeys() {
        return false;
    }

    @Override
    public String onlineKeyChangeAdvice(Ident table, Column target, boolean referenced, String onlineCopyCommand) {
        return "ALTER COLUMN ... TYPE rewrites " + table + " and rebuilds its indexes under ACCESS EXCLUSIVE"
                + (referenced ? " (and re-checks every referencing foreign key)" : "") + ", and the online key swap"
                + " (new column, backfill, unique index built CONCURRENTLY, ADD PRIMARY KEY USING INDEX) moves only a"
                + " primary key (of one column or composite) of a table that is not partitioned (PostgreSQL builds no"
                + " index CONCURRENTLY on a partitioned table and refuses ADD CONSTRAINT ... USING INDEX there) and"
                + " whose foreign keys are named: give the size with --rows if the tables are small, or run it in a"
                + " maintenance window";
    }

    private static final java.util.regex.Pattern SERIAL_DEFAULT = java.util.regex.Pattern.compile(
            "(?i)\\s*nextval\\s*\\(\\s*'((?:[^']|'')+)'\\s*(?:::\\s*regclass)?\\s*\\)\\s*");

    @Override
    public java.util.Optional<Statement> widenNumbering(Ident table, Column column, DataType to) {
        if (TypeChanges.family(to) != TypeChanges.Family.INTEGER) {
            return java.util.Optional.empty();
        }
        return ownSequence(table, column).map(s -> new dev.migrationstrategist.statement.AlterSequence(s.name(),
                to.sql()));
    }

    @Override
    public java.util.Optional<OwnSequence> ownSequence(Ident table, Column column) {
        String written = column.type().base();
        if (column.defaultExpression() == null && List.of("serial", "serial4", "smallserial", "serial2", "bigserial",
                "serial8").contains(written)) {
            // CREATE TABLE ... serial names its sequence <table>_<column>_seq (when that fits in 63 bytes)
            String implied = table.name() + "_" + column.name().name() + "_seq";
            if (implied.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) {
                return java.util.Optional.empty();
            }
            Ident name = Ident.of(implied);
            return java.util.Optional.of(new OwnSequence(name, "nextval(" + literal(quote(name)) + "::regclass)"));
        }
        if (column.defaultExpression() == null) {
            return java.util.Optional.empty();
        }
        java.util.regex.Matcher m = SERIAL_DEFAULT.matcher(column.defaultExpression());
        if (!m.matches()) {
            return java.util.Optional.empty();
        }
        // the default names the sequence as a regclass literal: a dotted, possibly quoted name
        Ident sequence = sequenceName(m.group(1).replace("''", "'"));
        return sequence == null ? java.util.Optional.empty()
                : java.util.Optional.of(new OwnSequence(sequence, column.defaultExpression()));
    }

    /** The last part of a regclass literal ({@code public.s}, {@code "S"}); null when it is not a plain name. */
    private static dev.migrationstrategist.schema.Ident sequenceName(String literal) {
        String last = literal.substring(literal.lastIndexOf('.') + 1);
        if (last.startsWith("\"") && last.endsWith("\"") && last.length() > 2) {
            return dev.migrationstrategist.schema.Ident.of(last.substring(1, last.length() - 1).replace("\"\"", "\""));
        }
        return last.matches("[A-Za-z_][A-Za-z0-9_$]*") ? dev.migrationstrategist.schema.Ident.of(last.toLowerCase(
                java.util.Locale.ROOT)) : null;
    }

    @Override
    public java.util.Optional<String> foreignKeyTypeMismatch(DataType child, DataType parent) {
        TypeChanges.Family c = TypeChanges.family(child);
        TypeChanges.Family p = TypeChanges.family(parent);
        boolean numbers = (c == TypeChanges.Family.INTEGER || c == TypeChanges.Family.NUMERIC)
                && (p == TypeChanges.Family.INTEGER || p == TypeChanges.Family.NUMERIC);
        if (numbers || (c == p && c != TypeChanges.Family.OTHER) || TypeChanges.same(child, parent)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("PostgreSQL has no equality operator between them (\"Key columns are of"
                + " incompatible types\")");
    }

    @Override
    public boolean uniqueIsConstraint() {
        return true;
    }

    @Override
    public boolean addPrimaryKeyInPlace() {
        return false;
    }

    @Override
    public boolean notNullStopsAtCheck() {
        return !notNullFromValidCheck();
    }

    @Override
    public boolean hasDomains() {
        return true;
    }

    @Override
    public boolean addEnumValueInTransaction() {
        return version().atLeast(12, 0);
    }

    @Override
    public boolean createsIndexesSeparately() {
        return true;
    }

    @Override
    public String newTableParentLock(String parents) {
        return "SHARE ROW EXCLUSIVE on " + parents + " for milliseconds (its foreign keys;"
                + " the new table is empty, so nothing is scanned)";
    }

    @Override
    public dev.migrationstrategist.statement.OnlineDdl addColumnAlgorithm(boolean catalogOnly,
                                                                          boolean volatileDefault) {
        return null;
    }

    @Override
    public String smallTableRewriteLock(dev.migrationstrategist.statement.OnlineDdl algorithm) {
        return "ACCESS EXCLUSIVE while the small table is rewritten";
    }

    @Override
    public String tableRebuildWord() {
        return "rewrite";
    }

    @Override
    public String rebuildingDefaultReason() {
        return displayName() + " rewrites the table for any default; PostgreSQL 11+ would not";
    }

    @Override
    public String catalogOnlyAddColumnCost(String d) {
        if (d == null) {
            return "Catalog only: no rewrite, no scan; existing rows read NULL.";
        }
        return displayName() + " keeps a non-volatile default in the catalog: no rewrite, existing"
                + " rows read `" + d + "`"
                + (d.toLowerCase(java.util.Locale.ROOT).matches(".*(now|current_timestamp).*")
                ? " (evaluated once, at the ALTER: every existing row gets the same time)." : ".");
    }

    @Override
    public dev.migrationstrategist.statement.OnlineDdl dropConstraintAlgorithm() {
        return null;
    }

    @Override
    public dev.migrationstrategist.statement.OnlineDdl addForeignKeyAlgorithm(boolean indexed) {
        return null;
    }

    @Override
    public String addCheckCopyReason() {
        return null;
    }

    @Override
    public boolean enforcesChecks() {
        return true;
    }

    @Override
    public String checksEnforcedFrom() {
        return null;
    }

    @Override
    public String familyName() {
        return "PostgreSQL";
    }

    @Override
    public NotNullRoute notNullRoute(Ident table, Column column) {
        String c = column.name().name();
        Ident check = Names.constraint(table, column.name(), "not_null");
        List<Statement> statements = new java.util.ArrayList<>();
        List<Statement> rollback = new java.util.ArrayList<>();
        List<String> bullets = new java.util.ArrayList<>();
        String state = "`" + table + "." + c + "` NOT NULL";
        statements.add(new AddConstraint(table, new Constraint.Check(check, quote(column.name()) + " IS NOT NULL",
                List.of(column.name()), false), true, null));
        statements.add(new ValidateConstraint(table, check));
        String lock = "ACCESS EXCLUSIVE for milliseconds (ADD CONSTRAINT" + (notNullFromValidCheck()
                ? ", SET NOT NULL" : "") + "); VALIDATE takes SHARE UPDATE EXCLUSIVE while it scans (reads and"
                + " writes go on)";
        if (notNullFromValidCheck()) {
            statements.add(new SetNotNull(table, column.name()));
            statements.add(new DropConstraint(table, check, ConstraintKind.CHECK, true, null));
            bullets.add("Make `" + c + "` NOT NULL: a CHECK added NOT VALID, validated without blocking writes,"
                    + " lets SET NOT NULL skip its scan (PostgreSQL 12+); the check is dropped afterwards.");
            bullets.add("Each statement commits on its own, so the VALIDATE scan never holds the ACCESS"
                    + " EXCLUSIVE lock the other statements take for milliseconds.");
            rollback.add(dropNotNull(table, column));
        } else {
            bullets.add("Enforce NOT NULL on `" + c + "` with a validated CHECK (`" + check + "`): on "
                    + displayName() + " SET NOT NULL always scans the table under ACCESS EXCLUSIVE,"
                    + " so the plan stops at the check (the column stays nullable in the catalog). On PostgreSQL"
                    + " 12+ the valid check lets SET NOT NULL skip its scan.");
            state = "`" + table + "." + c + "` enforced NOT NULL by the valid CHECK " + check;
        }
        rollback.add(new DropConstraint(table, check, ConstraintKind.CHECK, true, null));
        return new NotNullRoute(statements, rollback, lock, bullets, state,
                "If VALIDATE fails because a NULL is left, the NOT VALID check stays and already rejects new NULLs:"
                        + " fill the NULLs and rerun from VALIDATE, or run the rollback.");
    }

    @Override
    public boolean triggersCallFunctions() {
        return true;
    }

    @Override
    public boolean updatesLeaveDeadRows() {
        return true;
    }

    @Override
    public boolean viewsBindToColumns() {
        return true;
    }

    @Override
    public String quietTriggersStatement() {
        return "SET session_replication_role = replica;";
    }

    @Override
    public String quietTriggersReset() {
        return "SET session_replication_role TO DEFAULT;";
    }

    @Override
    public String notDistinct(String left, String right) {
        return left + " IS NOT DISTINCT FROM " + right;
    }

    @Override
    public String upsertTail(Ident key, List<Ident> columns) {
        return "ON CONFLICT (" + quote(key) + ") DO UPDATE SET " + columns.stream()
                .map(c -> quote(c) + " = EXCLUDED." + quote(c)).collect(java.util.stream.Collectors.joining(", "));
    }

    @Override
    public List<Statement> dropNotNullAll(Ident table, List<Column> columns) {
        return columns.stream().map(c -> dropNotNull(table, c)).toList();
    }

    @Override
    public List<Statement> setNotNullAll(Ident table, List<Column> columns) {
        return columns.stream().map(c -> setNotNullDirect(table, c)).toList();
    }

    @Override
    public String dropNotNullRoute() {
        return "catalog only";
    }

    @Override
    public String syncTriggerLimit() {
        return null;
    }

    @Override
    public String addColumnsLock(String tables) {
        return dropColumnsLock(tables);
    }

    @Override
    public String dropColumnsLock(String tables) {
        return "ACCESS EXCLUSIVE" + (tables == null ? "" : " on " + tables) + ", catalog only (milliseconds)";
    }

    @Override
    public String addColumnsWithTriggerLock(String table, String triggerTable) {
        return "ACCESS EXCLUSIVE on " + table + ", catalog only (milliseconds); SHARE ROW EXCLUSIVE on "
                + triggerTable + " for the trigger";
    }

    @Override
    public String newTableWithTriggersLock(String parent) {
        return "SHARE ROW EXCLUSIVE on " + parent + " for milliseconds (the foreign key and the triggers)";
    }

    @Override
    public String dropTableWithTriggersLock(String dropped, String kept) {
        return "ACCESS EXCLUSIVE on " + dropped + " and " + kept + " (triggers), milliseconds";
    }

    @Override
    public String insertSkippingDuplicates() {
        return "INSERT INTO ";
    }

    @Override
    public String skipDuplicatesTail(Ident key) {
        return " ON CONFLICT (" + quote(key) + ") DO NOTHING";
    }

    @Override
    public String skipDuplicatesWords() {
        return "ON CONFLICT DO NOTHING";
    }

    @Override
    public String upsertWords() {
        return "ON CONFLICT DO UPDATE";
    }

    @Override
    public String updateJoinText(Ident main, Ident m, Ident side, Ident s, String on, List<Ident> columns) {
        String set = columns.stream().map(n -> quote(n) + " = " + quote(s) + "." + quote(n))
                .collect(java.util.stream.Collectors.joining(", "));
        return "UPDATE " + quote(main) + " " + quote(m) + " SET " + set + " FROM " + quote(side) + " " + quote(s)
                + " WHERE " + on;
    }

    @Override
    public boolean namesPrimaryKeys() {
        return true;
    }

    @Override
    public boolean predictsForeignKeyNames() {
        return true;
    }

    @Override
    public boolean foreignKeyBuildsIndex() {
        return false;
    }

    @Override
    public String indexCopyLock() {
        return "SHARE UPDATE EXCLUSIVE (reads and writes go on)";
    }

    @Override
    public String foreignKeyOnlineRoute() {
        return ": added NOT VALID (milliseconds), then validated without blocking writes; run each"
                + " statement in its own transaction.";
    }

    @Override
    public String foreignKeyOnlineLock() {
        return "SHARE ROW EXCLUSIVE on both tables for milliseconds; VALIDATE takes SHARE UPDATE"
                + " EXCLUSIVE (reads and writes go on)";
    }

    @Override
    public String addCheckRoute() {
        return "NOT VALID, then VALIDATE";
    }

    @Override
    public String tableRebuildVerb() {
        return "rewrites";
    }

    @Override
    public Statement changeTypeRebuilding(Ident table, Column column, dev.migrationstrategist.schema.DataType to) {
        String using = TypeChanges.convert(this, quote(column.name()), column.type(), to);
        return new dev.migrationstrategist.statement.AlterColumnType(table, column.name(), to.sql(),
                using == null || using.equals(quote(column.name())) ? null : using);
    }

    @Override
    public String swapWindow() {
        return "transaction";
    }

    @Override
    public String replaceViewLock() {
        return "ACCESS EXCLUSIVE on each view, for a catalog change only (milliseconds; queries on the view wait"
                + " that long, the tables are not locked)";
    }

    @Override
    public String swapLock() {
        return CATALOG_ONLY;
    }

    @Override
    public String typeSwapClientNote(String column) {
        return "Server-side prepared statements that return `" + column + "` fail once after the swap with `cached plan"
                + " must not change result type`: retry the statement (re-prepare) on that error, or run with"
                + " prepareThreshold=0 around the swap.";
    }

    @Override
    public String addConstraintOnlineRoute() {
        return "NOT VALID, then VALIDATE, or a unique index built concurrently";
    }

    @Override
    public boolean hasInlineEnums() {
        return false;
    }

    @Override
    public Statement changeTypeInPlace(Ident table, Column column, dev.migrationstrategist.schema.DataType to,
                                       dev.migrationstrategist.statement.OnlineDdl algorithm) {
        return new dev.migrationstrategist.statement.AlterColumnType(table, column.name(), to.sql(), null);
    }

    @Override
    public boolean dropColumnShrinksIndexes() {
        return false;
    }

    @Override
    public boolean hasOnlineSchemaChangeTools() {
        return false;
    }

    @Override
    public dev.migrationstrategist.statement.OnlineDdl renameColumnAlgorithm() {
        return null;
    }

    @Override
    public String inPlaceTypeChangeWhy(dev.migrationstrategist.schema.DataType from,
                                       dev.migrationstrategist.schema.DataType to,
                                       dev.migrationstrategist.statement.OnlineDdl algorithm) {
        return "In place: " + from + " to " + to + " changes the catalog only (no rewrite, no scan, indexes kept).";
    }

    @Override
    public String directTypeChangeCost(String table) {
        return "rewrite `" + table + "` and its indexes under ACCESS EXCLUSIVE (reads and writes wait for the whole"
                + " rewrite)";
    }

    @Override
    public boolean notNullViaValidCheck() {
        return notNullFromValidCheck();
    }

    @Override
    public boolean checksNotNullBeforeTriggers() {
        return false;
    }

    @Override
    public String copiedNotNullLock() {
        return "ACCESS EXCLUSIVE for milliseconds; VALIDATE takes SHARE UPDATE EXCLUSIVE (reads and writes go on)";
    }

    @Override
    public boolean indexNamesSchemaWide() {
        return true;
    }

    @Override
    public boolean foreignKeyNeedsIndex() {
        return false;
    }

    @Override
    public boolean hasIndexMethod(String method) {
        return true;
    }

    @Override
    public boolean hasEnumTypes() {
        return true;
    }

    @Override
    public boolean renamesEnumValues() {
        return version().atLeast(10, 0);
    }

    /** PostgreSQL 11 keeps a constant default in the catalog instead of rewriting the table. */
    public boolean fastConstantDefault() {
        return version().atLeast(11);
    }

    /** PostgreSQL 12 skips the SET NOT NULL scan when a valid CHECK (col IS NOT NULL) exists. */
    public boolean notNullFromValidCheck() {
        return version().atLeast(12);
    }

    /** {@code EXECUTE FUNCTION} in CREATE TRIGGER (PostgreSQL 11+; earlier: EXECUTE PROCEDURE). */
    public String executeFunctionKeyword() {
        return version().atLeast(11) ? "EXECUTE FUNCTION" : "EXECUTE PROCEDURE";
    }
}
