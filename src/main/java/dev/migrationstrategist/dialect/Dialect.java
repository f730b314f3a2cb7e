package dev.migrationstrategist.dialect;

import dev.migrationstrategist.schema.Ident;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A database family at a server version: how it quotes, renders and which operations it can do online.
 * Version-aware decisions are explicit methods here, never string checks elsewhere.
 */
public abstract sealed class Dialect permits PostgresDialect, MySqlDialect {
    private final Version version;
    /** The schema (PostgreSQL) or database (MySQL/MariaDB) unqualified names resolve to; null: the default. */
    private final String currentSchema;

    protected Dialect(Version version) {
        this(version, null);
    }

    protected Dialect(Version version, String currentSchema) {
        this.version = Objects.requireNonNull(version, "version");
        this.currentSchema = currentSchema;
    }

    /**
     * The schema unqualified table names resolve to: PostgreSQL's {@code currentSchema} of the URL (or the first
     * existing schema of the search_path), {@code public} by default; MySQL/MariaDB's current database, null where
     * it is not known (a schema file). A name written with this schema is the unqualified name.
     */
    public String currentSchema() {
        return currentSchema != null ? currentSchema : defaultSchema();
    }

    /** The current schema when nothing names one: PostgreSQL {@code public}, MySQL/MariaDB none. */
    protected abstract String defaultSchema();

    /** This dialect with {@code schema} as the current schema (null: the default). */
    public abstract Dialect inSchema(String schema);

    /**
     * This dialect as it reads names on {@code target}, the database a plan was made from: MySQL/MariaDB resolve
     * unqualified names (and the database-qualified names of view definitions) in the target's database;
     * PostgreSQL's target names a database, not a schema, so nothing changes.
     */
    public Dialect forTarget(String database) {
        return this;
    }

    /**
     * The name as a table reference read with this dialect's current schema: the schema dropped where it is the
     * current one, so that {@code public.orders} and {@code orders} are one table.
     */
    public Ident resolved(String schema, String name) {
        return schema == null || schema.equals(currentSchema()) ? Ident.of(name) : Ident.qualified(schema, name);
    }

    /** An identifier with its schema, if any, each part quoted: {@code sales."Orders"}. */
    public String quote(Ident ident) {
        return ident.schema() == null ? quoteName(ident.name()) : quoteName(ident.schema()) + "." + quoteName(ident.name());
    }

    /** One identifier part, quoted only where the dialect needs it. */
    protected abstract String quoteName(String name);

    /** The family name used on the command line and in the JSON: postgresql, mysql, mariadb. */
    public abstract String name();

    /** A human name with the version: "PostgreSQL 15". */
    public abstract String displayName();

    public Version version() {
        return version;
    }

    /** The version as people write it for this family: {@code 15} for PostgreSQL, {@code 8.0} for MySQL. */
    public String versionLabel() {
        return version.toString();
    }

    /** The command-line spelling, {@code postgresql:15}. */
    public String spec() {
        return name() + ":" + versionLabel();
    }


    public String quote(String name) {
        return quote(Ident.of(name));
    }

    public String quoteAll(List<Ident> idents) {
        return idents.stream().map(this::quote).collect(Collectors.joining(", "));
    }

    /** The SQL text of a statement, exactly as {@code apply} runs it. */
    public abstract String render(dev.migrationstrategist.statement.Statement statement);

    /**
     * The SQL text of a backfill statement, with its key-range parameters written as {@code parameters} says: named
     * for the reports and the plan file, {@code ?} for {@code apply} to bind.
     */
    public abstract String render(dev.migrationstrategist.statement.BackfillStatement statement,
                                  dev.migrationstrategist.statement.KeyParameters parameters);

    /** The SQL text of a backfill statement as the reports and the plan file show it (named placeholders). */
    public String render(dev.migrationstrategist.statement.BackfillStatement statement) {
        return render(statement, dev.migrationstrategist.statement.KeyParameters.NAMED);
    }

    /** Renders a string literal with the dialect's escaping. */
    public abstract String literal(String value);

    /** The session statement that bounds how long a following DDL may wait for its lock. */
    public abstract String lockTimeoutStatement(Duration timeout);

    /**
     * True when every server of this version line stores CHECK constraints without enforcing them (MySQL before 8.0,
     * MariaDB before 10.2). False where some or all do: MySQL enforces from 8.0.16, MariaDB from 10.2.1, so a version
     * given as "8.0" or "10.2" may be either.
     */
    public abstract boolean ignoresChecks();

    // ---- lock wording and online-DDL decisions (strategies ask these, never which family they are in) ----

    /**
     * The lock an ALTER with this algorithm takes, in words, for a step's {@code lock}. PostgreSQL has no algorithm:
     * its catalog-only ALTER takes ACCESS EXCLUSIVE for milliseconds whatever is passed (null included).
     */
    public abstract String lockWords(dev.migrationstrategist.statement.OnlineDdl algorithm);

    /**
     * The lock of a change to a column's nullability or definition that PostgreSQL does in the catalog and
     * MySQL/MariaDB by an in-place MODIFY (the table rebuilt online).
     */
    public abstract String rebuildInPlaceLock();

    /** The algorithm an {@code ADD COLUMN} (nullable, at the end) can use on this version; null on PostgreSQL. */
    public abstract dev.migrationstrategist.statement.OnlineDdl addColumnAlgorithm();

    /** The algorithm a {@code DROP COLUMN} can use on this version; null on PostgreSQL. */
    public abstract dev.migrationstrategist.statement.OnlineDdl dropColumnAlgorithm();

    /** INSTANT where the version can add a column instantly, else INPLACE with LOCK=NONE; null on PostgreSQL. */
    public abstract dev.migrationstrategist.statement.OnlineDdl instantOrInplace();

    /** The algorithm an ALTER pins on this family: {@code algorithm} on MySQL/MariaDB, null on PostgreSQL. */
    public abstract dev.migrationstrategist.statement.OnlineDdl alterAlgorithm(
            dev.migrationstrategist.statement.OnlineDdl algorithm);

    // ---- statement shapes that differ by family (strategies compose them; the dialect chooses) ----

    /**
     * The statements that make a column NOT NULL without a long lock: on PostgreSQL 12+ a NOT VALID check,
     * validated under SHARE UPDATE EXCLUSIVE, lets SET NOT NULL skip its scan; on MySQL/MariaDB an online
     * in-place MODIFY.
     */
    public abstract java.util.List<dev.migrationstrategist.statement.Statement> setNotNullOnline(Ident table,
            dev.migrationstrategist.schema.Column column);

    /** Removes NOT NULL: PostgreSQL DROP NOT NULL; MySQL/MariaDB an in-place MODIFY (default dropped). */
    public abstract dev.migrationstrategist.statement.Statement dropNotNull(Ident table,
            dev.migrationstrategist.schema.Column column);

    /** Removes NOT NULL keeping the column's type and default (MySQL/MariaDB MODIFY with the full definition). */
    public abstract dev.migrationstrategist.statement.Statement dropNotNullKeepingDefault(Ident table,
            dev.migrationstrategist.schema.Column column);

    /** Makes a column NOT NULL in one statement (PostgreSQL SET NOT NULL scans; MySQL/MariaDB MODIFY in place). */
    public abstract dev.migrationstrategist.statement.Statement setNotNullDirect(Ident table,
            dev.migrationstrategist.schema.Column column);

    /**
     * Puts a column back to its definition {@code column} (NOT NULL) after NOT NULL was dropped: on PostgreSQL
     * {@link #setNotNullOnline}; on MySQL/MariaDB an in-place MODIFY with the full definition.
     */
    public abstract java.util.List<dev.migrationstrategist.statement.Statement> restoreNotNull(Ident table,
            dev.migrationstrategist.schema.Column column);

    /** Builds an index without blocking writes: CONCURRENTLY on PostgreSQL, in place with LOCK=NONE on MySQL. */
    public abstract dev.migrationstrategist.statement.Statement createIndexOnline(
            dev.migrationstrategist.schema.Index index);

    /** Drops an index without blocking writes: CONCURRENTLY IF EXISTS on PostgreSQL, in place on MySQL. */
    public abstract dev.migrationstrategist.statement.Statement dropIndexOnline(
            dev.migrationstrategist.schema.Index index);

    /**
     * Adds a foreign key without a long lock. PostgreSQL: NOT VALID, then VALIDATE CONSTRAINT. MySQL/MariaDB: with
     * {@code foreign_key_checks = 0} an in-place ALTER that does not check existing rows.
     */
    public abstract java.util.List<dev.migrationstrategist.statement.Statement> addForeignKeyOnline(Ident table,
            dev.migrationstrategist.schema.Constraint.ForeignKey fk);

    /** Drops a foreign key: PostgreSQL DROP CONSTRAINT IF EXISTS; MySQL/MariaDB DROP FOREIGN KEY in place. */
    public abstract dev.migrationstrategist.statement.Statement dropForeignKey(Ident table, Ident fk);

    /**
     * What must be dropped before {@code column} of {@code table} can be dropped: nothing on PostgreSQL; on
     * MySQL/MariaDB the foreign keys and indexes on it, which refuse to drop a column a foreign key uses, shrink (not
     * drop) a multi-column index that includes it, and cannot drop an indexed column INSTANT ("Reason: DROP INDEX",
     * measured on MariaDB 10.11).
     */
    public abstract java.util.List<dev.migrationstrategist.statement.Statement> dropsBeforeColumn(
            dev.migrationstrategist.schema.Table table, Ident column);

    // ---- the wording of steps that differs by family ----

    /** How an online index build or drop runs, for a bullet: "concurrently, outside a transaction" or "in place". */
    public abstract String onlineIndexRoute();

    /** Whether an online index build or drop blocks at all (MySQL/MariaDB: a metadata lock at start and end). */
    public abstract boolean onlineIndexBlocks();

    /** The lock of {@link #createIndexOnline} on {@code table}, in words. */
    public abstract String createIndexLock(String table);

    /** The lock of {@link #dropIndexOnline} on {@code table}, in words. */
    public abstract String dropIndexLock(String table);

    /** What to do when an online index build fails part way, or null when nothing needs saying. */
    public abstract String createIndexFailureAdvice(Ident index, boolean unique);

    /** How to find out, before dropping {@code index} on {@code table}, that no query needs it. */
    public abstract String unusedIndexAdvice(Ident table, Ident index);

    /** The lock of renaming {@code table}, in words. */
    public abstract String renameTableLock(String table);

    /** The lock of dropping {@code table}, which no app uses any more, in words. */
    public abstract String dropUnusedTableLock(String table);

    /** The tool that backs up one table's rows: {@code pg_dump --table}, {@code mysqldump}. */
    public abstract String tableDumpTool();

    /** What dropping NOT NULL costs, for a bullet. */
    public abstract String dropNotNullCost();

    /** What {@link #dropColumnAlgorithm} costs when it is more than a catalog change, for a bullet; null when not. */
    public abstract String dropColumnCost();

    /** The cost of the direct NOT NULL statement on a small table, for a bullet: "the " + this + " takes ...". */
    public abstract String smallTableNotNullCost();

    /** The lock of the direct NOT NULL statement on a small table, in words. */
    public abstract String smallTableNotNullLock();

    // ---- capabilities that choose a strategy's route ----

    /**
     * True when a CHECK or FOREIGN KEY can be added NOT VALID (no scan) and validated later without blocking writes
     * (PostgreSQL). False on MySQL/MariaDB, which check the existing rows in the ALTER itself, or not at all.
     */
    public abstract boolean validatesConstraintsLater();

    /**
     * Whether an index of a partitioned table is built per partition and attached (PostgreSQL: a partitioned table
     * refuses {@code CREATE INDEX CONCURRENTLY}); MySQL/MariaDB index a partitioned table as one table.
     */
    public boolean indexesPartitionsSeparately() {
        return false;
    }

    /** Whether a partitioned table accepts a foreign key {@code NOT VALID} (PostgreSQL 18+). */
    public boolean notValidForeignKeyOnPartitionedTable() {
        return false;
    }

    /**
     * True when the server refuses to change the type of a column a foreign key uses, so a key's type change drops
     * the foreign keys on it and adds them back once both sides have the new type (InnoDB, even with
     * foreign_key_checks = 0: "Cannot change column ...: used in a foreign key constraint", errors 1832/1833
     * measured on MariaDB 10.11). PostgreSQL changes either side in place and re-checks the constraint.
     */
    public abstract boolean keyTypeChangeDropsForeignKeys();

    /**
     * True when a primary key can move to another column without a table copy or an index build under a write
     * lock (PostgreSQL: a unique index built concurrently becomes the key with ADD PRIMARY KEY USING INDEX), so a
     * key column's type changes through the online column swap.
     */
    public abstract boolean swapsKeyOnline();

    /**
     * True where a large primary key's type changes by copying its table, and every table whose foreign keys
     * reference it, into shadow tables swapped in by one atomic rename (MySQL/MariaDB: InnoDB rebuilds a key column
     * only with writes blocked and refuses to change a column a foreign key uses).
     */
    public boolean copiesKeyTables() {
        return false;
    }

    /**
     * The backfill's default latency budget ({@code apply --max-latency-ratio}): a probe commit's p99 during the
     * backfill at most this many times its idle p99. Chosen above the floor measured with the same write volume on
     * another table (bench/backfill/README.md, quiet machine): PostgreSQL 1.25-3.3x idle, so 3.
     */
    public double defaultMaxLatencyRatio() {
        return 3;
    }

    /**
     * What to do instead when a key column of a large table (or one of unknown size) changes type: one line for a
     * refusal. {@code onlineCopyCommand} is the pt-online-schema-change / gh-ost command line for the table (filled
     * with the plan's live target), which the engine names where an external online copy can do it.
     */
    public abstract String onlineKeyChangeAdvice(Ident table, dev.migrationstrategist.schema.Column target,
                                                 boolean referenced, String onlineCopyCommand);

    /**
     * The sequence a column draws its values from, with the default that draws them (PostgreSQL: a serial column,
     * or a {@code nextval('s'::regclass)} default); empty where there is none or the engine numbers the column
     * itself (MySQL/MariaDB AUTO_INCREMENT).
     */
    public java.util.Optional<OwnSequence> ownSequence(Ident table, dev.migrationstrategist.schema.Column column) {
        return java.util.Optional.empty();
    }

    /** A column's own sequence and the default expression that draws from it. */
    public record OwnSequence(Ident name, String defaultExpression) {
    }

    /**
     * The statement that lets a column's own number generator reach the new type's range, if one is needed:
     * PostgreSQL's serial sequence ({@code nextval('s'::regclass)} default) keeps its old type; an identity column's
     * sequence and an AUTO_INCREMENT counter follow the column.
     */
    public abstract java.util.Optional<dev.migrationstrategist.statement.Statement> widenNumbering(Ident table,
            dev.migrationstrategist.schema.Column column, dev.migrationstrategist.schema.DataType to);

    /**
     * Why a foreign-key column of type {@code child} cannot reference a key column of type {@code parent} on this
     * engine, or empty when it can. InnoDB requires the same size and sign for integers and decimals; PostgreSQL
     * needs an equality operator between the two types, which the numeric types share among themselves and the
     * string types among themselves.
     */
    public abstract java.util.Optional<String> foreignKeyTypeMismatch(dev.migrationstrategist.schema.DataType child,
                                                                      dev.migrationstrategist.schema.DataType parent);

    /** True when a UNIQUE constraint is a catalog object of its own (PostgreSQL), not just a unique index. */
    public abstract boolean uniqueIsConstraint();

    /** True when ADD PRIMARY KEY rebuilds the table in place with LOCK=NONE (InnoDB). */
    public abstract boolean addPrimaryKeyInPlace();

    /**
     * True when making a column NOT NULL without a long scan stops at a validated CHECK (PostgreSQL before 12, where
     * SET NOT NULL always scans); the column then stays nullable in the catalog.
     */
    public abstract boolean notNullStopsAtCheck();

    /** True when the dialect has domains (CREATE DOMAIN). */
    public abstract boolean hasDomains();

    /** True when ALTER TYPE ... ADD VALUE may run inside a transaction block (PostgreSQL 12+). */
    public abstract boolean addEnumValueInTransaction();

    /**
     * True when CREATE TABLE leaves the indexes to statements of their own (PostgreSQL); false when they are part of
     * CREATE TABLE (MySQL/MariaDB).
     */
    public abstract boolean createsIndexesSeparately();

    /** The lock a new table's foreign keys take on its parent tables ({@code parents} already quoted for text). */
    public abstract String newTableParentLock(String parents);

    // ---- adding a column ----

    /**
     * The algorithm ADD COLUMN with a default uses: null on PostgreSQL; on MySQL/MariaDB {@link #addColumnAlgorithm}
     * when the default is catalog only, COPY for a volatile default, else INPLACE.
     */
    public abstract dev.migrationstrategist.statement.OnlineDdl addColumnAlgorithm(boolean catalogOnly,
                                                                                   boolean volatileDefault);

    /** The lock of an ALTER that rewrites (PostgreSQL) or copies with {@code algorithm} (MySQL) a small table. */
    public abstract String smallTableRewriteLock(dev.migrationstrategist.statement.OnlineDdl algorithm);

    /** What happens to every row when a table is rebuilt for a change: "rewrite" or "copy". */
    public abstract String tableRebuildWord();

    /** Why a default that is neither volatile nor catalog only still rebuilds the table. */
    public abstract String rebuildingDefaultReason();

    /** What a catalog-only ADD COLUMN with {@code defaultExpression} (null for none) costs, for a bullet. */
    public abstract String catalogOnlyAddColumnCost(String defaultExpression);

    // ---- CHECK and FOREIGN KEY on MySQL/MariaDB ----

    /** The algorithm that drops a CHECK or FOREIGN KEY (metadata only): null on PostgreSQL. */
    public abstract dev.migrationstrategist.statement.OnlineDdl dropConstraintAlgorithm();

    /**
     * The algorithm that adds a foreign key with {@code foreign_key_checks = 0} when {@code indexed} says an index
     * already covers its columns; null on PostgreSQL.
     */
    public abstract dev.migrationstrategist.statement.OnlineDdl addForeignKeyAlgorithm(boolean indexed);

    /** Why adding a CHECK copies the table, for a bullet; null where it does not (PostgreSQL). */
    public abstract String addCheckCopyReason();

    /** True when every server of the version given enforces CHECK constraints. */
    public abstract boolean enforcesChecks();

    /** The first version that enforces CHECK, as the command line spells it ("8.0.16"); null if every one does. */
    public abstract String checksEnforcedFrom();

    /** The name of the family as people say it, without a version: "PostgreSQL", "MySQL", "MariaDB". */
    public abstract String familyName();

    /**
     * The route that makes {@code column} of {@code table} NOT NULL without holding a blocking lock during a scan.
     * PostgreSQL 12+: CHECK NOT VALID, VALIDATE (SHARE UPDATE EXCLUSIVE), SET NOT NULL (no scan thanks to the valid
     * check), drop the check. PostgreSQL 10/11: the validated CHECK is where it stops. MySQL/MariaDB: MODIFY in place
     * with LOCK=NONE.
     */
    public abstract NotNullRoute notNullRoute(Ident table, dev.migrationstrategist.schema.Column column);

    // ---- triggers, upserts and row versions ----

    /**
     * True when a trigger executes a function of its own (PostgreSQL: CREATE FUNCTION, then one trigger for several
     * events); false when the body is inline and each event needs a trigger (MySQL/MariaDB).
     */
    public abstract boolean triggersCallFunctions();

    /** True when an UPDATE leaves a dead row version behind for VACUUM (PostgreSQL's MVCC). */
    public abstract boolean updatesLeaveDeadRows();

    /**
     * True when views, SQL-standard function bodies and generated columns are bound to a column itself, not its
     * name (PostgreSQL: they follow a rename, so a type change's swap would leave them on the old column, and they
     * block {@code ALTER COLUMN ... TYPE} and {@code DROP COLUMN}); false when a view names its columns and tables
     * by name, resolved at each query (MySQL/MariaDB: a rename or drop leaves the view failing with ERROR 1356).
     * Measured on PostgreSQL 15 and MariaDB 10.11.
     */
    public abstract boolean viewsBindToColumns();

    /**
     * The session statement after which the session's writes fire no ordinary user trigger (the application's
     * sessions still do), or null where the engine has none (MySQL/MariaDB: a trigger fires for every session).
     * PostgreSQL: {@code SET session_replication_role = replica}, which needs superuser or (15+) {@code GRANT SET ON
     * PARAMETER session_replication_role}; measured on 15: a BEFORE UPDATE trigger setting {@code last_update} does
     * not fire for the session's UPDATE, and fires for another session's UPDATE of the same table meanwhile.
     */
    public abstract String quietTriggersStatement();

    /** Undoes {@link #quietTriggersStatement()} for the rest of the session. */
    public abstract String quietTriggersReset();

    /** The SQL that tests two expressions for "the same value", treating NULL as a value. */
    public abstract String notDistinct(String left, String right);

    /**
     * The tail of an {@code INSERT} that updates {@code columns} when a row with the same {@code key} exists:
     * {@code ON CONFLICT (key) DO UPDATE SET ...} or {@code ON DUPLICATE KEY UPDATE ...} (no semicolon).
     */
    public abstract String upsertTail(Ident key, List<Ident> columns);

    // ---- moving columns between tables (split, merge, move) ----

    /** Drops NOT NULL from {@code columns} of {@code table}: one statement each, or one in-place MODIFY of all. */
    public abstract java.util.List<dev.migrationstrategist.statement.Statement> dropNotNullAll(Ident table,
            java.util.List<dev.migrationstrategist.schema.Column> columns);

    /** Puts {@code columns} (NOT NULL) back as they are defined: one SET NOT NULL each, or one MODIFY of all. */
    public abstract java.util.List<dev.migrationstrategist.statement.Statement> setNotNullAll(Ident table,
            java.util.List<dev.migrationstrategist.schema.Column> columns);

    /** How dropping NOT NULL runs, in a few words: "catalog only", "in place, LOCK=NONE". */
    public abstract String dropNotNullRoute();

    /** A limit of sync triggers that the apps must know about, for a bullet; null when there is none. */
    public abstract String syncTriggerLimit();

    /**
     * A re-sync as the keyset batch it runs as: {@code target = source} in the rows of the key range where they
     * differ. {@code apply} runs it with the backfill's batches (lock timeout, retries, throttle, progress).
     */
    /**
     * How a keyset backfill over a composite key compares keys here: a row value where the engine uses it as an
     * index condition (PostgreSQL), else written out column by column.
     */
    public dev.migrationstrategist.statement.KeyComparison keyComparison() {
        return dev.migrationstrategist.statement.KeyComparison.EXPANDED;
    }

    /**
     * Whether a keyset backfill of a partitioned table walks each leaf partition with its own key cursor, its
     * batches addressed to the partition table. MySQL/MariaDB: no, a batch through the table prunes to the
     * partitions its key range covers (docs/partitioned-tables.md has the measurement).
     */
    public boolean backfillsPerPartition() {
        return false;
    }

    /**
     * Whether a partitioned table accepts the sync trigger (a BEFORE row trigger on the parent, cloned onto every
     * partition). PostgreSQL accepts it from 13.
     */
    public boolean rowTriggersOnPartitionedTables() {
        return true;
    }

    /**
     * A re-sync as one statement over the whole table (no key range): for a tool that cannot run the batches of
     * {@link #resyncBatch} in transactions of their own (a Liquibase rollback); it holds the row lock of every row it
     * changes until its transaction ends.
     */
    public final String resyncAll(dev.migrationstrategist.statement.ResyncColumn r) {
        String target = quote(r.target());
        return "UPDATE " + quote(r.table()) + " SET " + target + " = " + r.source() + " WHERE "
                + distinct(target, r.source()) + ";";
    }

    public final dev.migrationstrategist.statement.CopyBatch resyncBatch(
            dev.migrationstrategist.statement.ResyncColumn r) {
        return dev.migrationstrategist.statement.CopyBatch.over(r.table(), r.keys(), keyComparison(),
                java.util.List.of(new dev.migrationstrategist.statement.Assignment(r.target(), r.source())),
                distinct(quote(r.target()), r.source()), java.util.List.of());
    }

    /**
     * {@code sql} (one rendered statement) made to fail at once, instead of queueing, when another session holds a
     * lock on its table; {@code sql} itself where the engine cannot say that in the statement.
     */
    public String withoutLockWait(String sql) {
        return sql;
    }

    /**
     * For a bullet of a step that drops the 1:1 sync triggers of {@code first} and {@code second} while the app
     * writes both in one transaction: the error the app may then get, or null when the plan avoids it.
     */
    public String triggerDropDeadlock(String first, String second) {
        return null;
    }

    /** The lock of adding columns (without a default) to {@code tables} ("`a`"; text, null for none named). */
    public abstract String addColumnsLock(String tables);

    /** The lock of dropping columns of {@code tables} ("`a` and `b`"; text, null for none named). */
    public abstract String dropColumnsLock(String tables);

    /** The lock of adding columns to {@code table} and a sync trigger on {@code triggerTable} (names as text). */
    public abstract String addColumnsWithTriggerLock(String table, String triggerTable);

    /** The lock of creating a table with a foreign key to {@code parent} and sync triggers on it. */
    public abstract String newTableWithTriggersLock(String parent);

    /** The lock of dropping the sync triggers and {@code dropped}, whose rows now live in {@code kept}. */
    public abstract String dropTableWithTriggersLock(String dropped, String kept);

    /** The start of an INSERT that skips rows whose key is already there: "INSERT INTO " / "INSERT IGNORE INTO ". */
    public abstract String insertSkippingDuplicates();

    /** The tail that makes {@link #insertSkippingDuplicates} skip on {@code key} (with a leading space), or "". */
    public abstract String skipDuplicatesTail(Ident key);

    /** How a duplicate is skipped, in words: "ON CONFLICT DO NOTHING" / "INSERT IGNORE". */
    public abstract String skipDuplicatesWords();

    /** How an existing row is updated by {@link #upsertTail}, in words. */
    public abstract String upsertWords();

    /** {@code UPDATE main AS m ... FROM / JOIN side AS s} setting {@code columns} of m from s where {@code on}. */
    public abstract String updateJoinText(Ident main, Ident m, Ident side, Ident s, String on, List<Ident> columns);

    // ---- names the server gives, and rebuilding a column's index, unique and foreign key ----

    /** True when a primary key has a name of its own (PostgreSQL); MySQL/MariaDB call every one PRIMARY. */
    public abstract boolean namesPrimaryKeys();

    /**
     * True when the name the server gives an unnamed foreign key is the one {@code Names.constraint(t, col, "fkey")}
     * predicts (PostgreSQL); MySQL/MariaDB number them ({@code t_ibfk_1}).
     */
    public abstract boolean predictsForeignKeyNames();

    /** True when adding a foreign key whose columns lead no index makes the server build one named after the key. */
    public abstract boolean foreignKeyBuildsIndex();

    /** The lock of building a copy of an index online, in words. */
    public abstract String indexCopyLock();

    /** The lock of building a copy of {@code index} with {@link #createIndexOnline}, in words. */
    public String indexCopyLock(dev.migrationstrategist.schema.Index index) {
        return indexCopyLock();
    }

    /** How an online foreign key is added, for a bullet (follows "as `name`"). */
    public abstract String foreignKeyOnlineRoute();

    /** The lock of {@link #addForeignKeyOnline}, in words. */
    public abstract String foreignKeyOnlineLock();

    /** How a CHECK is added without a long lock, in a few words. */
    public abstract String addCheckRoute();

    // ---- changing a column's type ----

    /** What a type change that rebuilds the table does to every row, as a verb: "rewrites", "copies". */
    public abstract String tableRebuildVerb();

    /**
     * The type change of {@code column} to {@code to} that rebuilds the table (PostgreSQL ALTER COLUMN TYPE with
     * USING where needed; MySQL/MariaDB MODIFY with ALGORITHM=COPY).
     */
    public abstract dev.migrationstrategist.statement.Statement changeTypeRebuilding(Ident table,
            dev.migrationstrategist.schema.Column column, dev.migrationstrategist.schema.DataType to);

    /** How the column swap runs, for a bullet: "transaction", "LOCK TABLES ... WRITE window". */
    public abstract String swapWindow();

    /** The lock of the column swap, in words. */
    public abstract String swapLock();

    /** What recreating a view with CREATE OR REPLACE VIEW locks, in words. */
    public abstract String replaceViewLock();

    /** What the apps' prepared statements reading {@code column} do when its type changes under them, for a bullet. */
    public abstract String typeSwapClientNote(String column);

    /** How a constraint is added online on a new column, in a few words. */
    public abstract String addConstraintOnlineRoute();

    /** True when a column type can be an inline value list ({@code ENUM('a','b')}, MySQL/MariaDB). */
    public abstract boolean hasInlineEnums();

    /** A type change that needs no rebuild: ALTER COLUMN TYPE, or MODIFY with {@code algorithm} (null on PostgreSQL). */
    public abstract dev.migrationstrategist.statement.Statement changeTypeInPlace(Ident table,
            dev.migrationstrategist.schema.Column column, dev.migrationstrategist.schema.DataType to,
            dev.migrationstrategist.statement.OnlineDdl algorithm);

    /**
     * True when dropping a column shrinks (not drops) a multi-column index that includes it, so indexes copied onto
     * a new column must be dropped explicitly first (MySQL/MariaDB).
     */
    public abstract boolean dropColumnShrinksIndexes();

    /** True when online schema-change tools (pt-online-schema-change, gh-ost) exist for this family. */
    public abstract boolean hasOnlineSchemaChangeTools();

    /** The algorithm that renames columns and sets defaults in the swap window: null on PostgreSQL. */
    public abstract dev.migrationstrategist.statement.OnlineDdl renameColumnAlgorithm();

    /** Why widening {@code from} to {@code to} with {@code algorithm} needs no rebuild, for a bullet. */
    public abstract String inPlaceTypeChangeWhy(dev.migrationstrategist.schema.DataType from,
            dev.migrationstrategist.schema.DataType to, dev.migrationstrategist.statement.OnlineDdl algorithm);

    /** What the direct type change would do to {@code table} (text of its name), for a bullet. */
    public abstract String directTypeChangeCost(String table);

    /** True when SET NOT NULL skips its scan thanks to a valid CHECK (col IS NOT NULL) (PostgreSQL 12+). */
    public abstract boolean notNullViaValidCheck();

    /**
     * True when the server refuses an INSERT that leaves out a NOT NULL column without a default before a BEFORE
     * trigger could fill it (measured on MariaDB 10.11.5; MySQL/MariaDB treated alike).
     */
    public abstract boolean checksNotNullBeforeTriggers();

    /** The lock of making a column copied from another NOT NULL, in words. */
    public abstract String copiedNotNullLock();

    /** True when index names live in the schema (PostgreSQL), not per table, so they clash across tables. */
    public abstract boolean indexNamesSchemaWide();

    /** True when the server refuses to drop the only index a foreign key's columns lead (MySQL/MariaDB). */
    public abstract boolean foreignKeyNeedsIndex();

    /** True when {@code method} (btree, hash, gin, ...) is an index method this family has. */
    public abstract boolean hasIndexMethod(String method);

    /** True when enum types are catalog objects of their own (PostgreSQL CREATE TYPE ... AS ENUM). */
    public abstract boolean hasEnumTypes();

    /** True when ALTER TYPE ... RENAME VALUE exists (PostgreSQL 10+). */
    public abstract boolean renamesEnumValues();

    /** True when DDL can run inside a transaction and roll back with it. */
    public abstract boolean transactionalDdl();

    /** The SQL that tests two expressions for "not the same value", treating NULL as a value. */
    public abstract String distinct(String left, String right);

    /** {@code column} holds the value {@code value} (a plain string, quoted here). */
    public String holds(String column, String value) {
        return column + " = " + literal(value);
    }

    /**
     * {@code column} with the value {@code from} spelled {@code to} and every other value as it is: a renamed enum
     * value's conversion, as an expression in the column's own type.
     */
    public String replaced(String column, String from, String to) {
        return "CASE WHEN " + holds(column, from) + " THEN " + literal(to) + " ELSE " + column + " END";
    }

    @Override
    public String toString() {
        return spec();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dialect d && d.name().equals(name()) && d.version.equals(version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name(), version);
    }
}
