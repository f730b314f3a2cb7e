package dev.migrationstrategist.lint;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.MySqlDialect;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What lint knows at a statement, from what came before it in the file and in the run: whether the statement runs
 * inside a transaction (and why), whether a lock timeout was set earlier in the file, which tables are new and empty
 * (no lock or rewrite concern: created earlier in the same file, or in a file the run was told is new; a table
 * created in an earlier file of the folder is live, since that file has run long ago), and which NOT VALID
 * constraints were added and validated.
 * The linter feeds it every statement in order through {@link #observe}; rules only read it.
 */
public final class LintContext {
    private final Dialect dialect;
    private final Map<String, Long> rows;
    private final long largeTableRows;
    /** table (lower case) → the file that created it in this run. */
    private final Map<String, String> createdIn = new HashMap<>();
    /** Files the run was told are new (not applied anywhere yet): tables they create are new and empty. */
    private final Set<String> newFiles = new HashSet<>();
    /** table/constraint → column, for CHECK (col IS NOT NULL) constraints added NOT VALID and not validated yet. */
    private final Map<String, String> notValidChecks = new HashMap<>();
    /** table/constraint of NOT VALID constraints added in the current transaction. */
    private final Set<String> notValidInTransaction = new HashSet<>();
    /** table/column pairs with a validated CHECK (col IS NOT NULL). */
    private final Set<String> validatedNotNull = new HashSet<>();

    private String file = "";
    private String implicitTransaction;
    private String explicitTransaction;
    private boolean lockTimeout;
    private boolean foreignKeyChecksOff;
    private final Set<String> reportedInFile = new HashSet<>();
    /** table/column pairs added to an existing table earlier in the current file. */
    private final Set<String> addedInFile = new HashSet<>();
    /** table/column pairs added NOT NULL to an existing table earlier in the run. */
    private final Set<String> addedNotNull = new HashSet<>();
    /** Tables renamed in the current file whose old name a later statement of the file recreates as a view. */
    private Set<String> renamesCoveredByView = Set.of();
    private java.util.function.BiPredicate<String, String> knownColumn = (t, c) -> false;
    /** The table as State A (--schema / --db, earlier files of the run) has it before the statement, else empty. */
    private java.util.function.Function<String, java.util.Optional<dev.migrationstrategist.schema.Table>> stateTable =
            t -> java.util.Optional.empty();
    /** State A's validated CHECK (col IS NOT NULL) constraints (--schema / --db, as changed by the run so far). */
    private java.util.function.BiPredicate<String, String> provenNotNull = (t, c) -> false;

    public LintContext(Dialect dialect, Map<String, Long> rows, long largeTableRows) {
        this.dialect = dialect;
        this.rows = Map.copyOf(rows);
        this.largeTableRows = largeTableRows;
    }

    public Dialect dialect() {
        return dialect;
    }

    public boolean mysqlFamily() {
        return dialect instanceof MySqlDialect;
    }

    public String file() {
        return file;
    }

    /** True inside BEGIN ... COMMIT, or in a Flyway migration or Liquibase changeset that runs in a transaction. */
    public boolean inTransaction() {
        return explicitTransaction != null || implicitTransaction != null;
    }

    /** Why the statement is in a transaction, for messages ("BEGIN on line 3", "a Flyway migration ..."). */
    public String transactionReason() {
        return explicitTransaction != null ? explicitTransaction : implicitTransaction;
    }

    /** MySQL/MariaDB: SET foreign_key_checks = 0 earlier in the file (ADD FOREIGN KEY then runs in place). */
    public boolean foreignKeyChecksOff() {
        return foreignKeyChecksOff;
    }

    public boolean lockTimeoutSet() {
        return lockTimeout;
    }

    /**
     * True when the table was created in this run, earlier in the current file or in a file the run was told is
     * new: nobody can be using it yet. A table an earlier, already applied file created is live (and large, unless
     * the configuration or the database says its size).
     */
    public boolean isNewTable(String table) {
        String in = table == null ? null : createdIn.get(table.toLowerCase(Locale.ROOT));
        return in != null && (in.equals(file) || newFiles.contains(in));
    }

    /** True when the table's row count is known (configuration) and below the large-table threshold. */
    public boolean isSmallTable(String table) {
        Long n = table == null ? null : rows.get(table.toLowerCase(Locale.ROOT));
        return n != null && n < largeTableRows;
    }

    /** No lock or rewrite concern: created in this run, or known to be small. */
    public boolean harmlessTable(String table) {
        return isNewTable(table) || isSmallTable(table);
    }

    public boolean notValidAddedInThisTransaction(String table, String constraint) {
        return inTransaction() && notValidInTransaction.contains(key(table, constraint));
    }

    public boolean hasValidatedNotNullCheck(String table, String column) {
        return validatedNotNull.contains(key(table, column))
                || (table != null && column != null && !dialect.notNullStopsAtCheck()
                    && provenNotNull.test(table, column));
    }

    /** True when State A (--schema / --db, as changed by the run so far) knows the column and so its type. */
    public boolean knowsColumn(String table, String column) {
        return table != null && column != null && knownColumn.test(table, column);
    }

    /**
     * The table as the state the run has reached has it (State A from --schema / --db, changed by the files before
     * this statement, tables earlier files created): its columns, indexes and, on MySQL/MariaDB, text encoding.
     */
    public java.util.Optional<dev.migrationstrategist.schema.Table> stateTable(String table) {
        return table == null ? java.util.Optional.empty() : stateTable.apply(table);
    }

    /** True when the column was added NOT NULL to an existing table earlier in the run. */
    public boolean addedNotNullInRun(String table, String column) {
        return addedNotNull.contains(key(table, column));
    }

    /**
     * True when the column was added to an existing table earlier in the current file: every row there holds its
     * default (or NULL), so a condition on it does not narrow an UPDATE that backfills it.
     */
    public boolean addedInFile(String table, String column) {
        return table != null && column != null && addedInFile.contains(key(table, column));
    }

    /**
     * True when the table renamed away from {@code oldName} gets a view of that name later in the same file
     * ({@code CREATE VIEW old AS SELECT * FROM new}): running code keeps reading and writing through the view.
     */
    public boolean renameCoveredByView(String oldName) {
        return oldName != null && renamesCoveredByView.contains(oldName.toLowerCase(Locale.ROOT));
    }

    /** True the first time a rule asks in the current file (for once-per-file findings). */
    public boolean firstInFile(String ruleId) {
        return reportedInFile.add(ruleId);
    }

    // ---- fed by the linter ----

    /** Marks a file as new (to be applied together with the files after it): later files see its tables as new. */
    void markNew(String name) {
        newFiles.add(name);
    }

    void startFile(String name, String implicitTransactionReason) {
        file = name;
        implicitTransaction = implicitTransactionReason;
        explicitTransaction = null;
        lockTimeout = false;
        foreignKeyChecksOff = false;
        reportedInFile.clear();
        notValidInTransaction.clear();
        addedInFile.clear();
    }

    void provenNotNull(java.util.function.BiPredicate<String, String> proven) {
        provenNotNull = proven;
    }

    void stateTables(java.util.function.Function<String, java.util.Optional<dev.migrationstrategist.schema.Table>> f) {
        stateTable = f;
    }

    void knownColumns(java.util.function.BiPredicate<String, String> known) {
        knownColumn = known;
    }

    void renamesCoveredByView(Set<String> oldNames) {
        renamesCoveredByView = Set.copyOf(oldNames);
    }

    void implicitTransaction(String reason) {
        if (reason == null || !reason.equals(implicitTransaction)) {
            notValidInTransaction.clear();
        }
        implicitTransaction = reason;
    }

    /** Records what the statement changes in the context, after the rules have judged it. */
    void observe(SqlStatement s) {
        if (s.startsWith("BEGIN") && !s.matchesAt(1, "NOT") || s.startsWith("START", "TRANSACTION")) {
            explicitTransaction = s.kw(0) + " on line " + s.line();
            notValidInTransaction.clear();
            return;
        }
        if (s.startsWith("COMMIT") || s.startsWith("ROLLBACK") && !s.matchesAt(1, "TO") || s.startsWith("END")) {
            explicitTransaction = null;
            notValidInTransaction.clear();
            return;
        }
        if (s.startsWith("SET") || s.startsWith("SELECT") && s.contains("SET_CONFIG")) {
            observeTimeout(s);
            return;
        }
        String created = Shapes.createdTable(s);
        if (created != null) {
            createdIn.put(created.toLowerCase(Locale.ROOT), file);
            return;
        }
        String altered = Shapes.alteredTable(s);
        if (altered != null) {
            observeAlter(s, altered);
        }
    }

    private void observeTimeout(SqlStatement s) {
        for (int i = 0; i + 2 < s.size(); i++) {
            if (s.token(i).is("FOREIGN_KEY_CHECKS") && s.token(i + 1).isSymbol("=")) {
                String v = s.token(i + 2).text().replace("'", "");
                foreignKeyChecksOff = v.equals("0") || v.equalsIgnoreCase("OFF");
            }
        }
        String name = mysqlFamily() ? "LOCK_WAIT_TIMEOUT" : "LOCK_TIMEOUT";
        for (int i = 0; i < s.size(); i++) {
            Token t = s.token(i);
            boolean named = t.keyword().equals(name)
                    || t.type() == Token.Type.STRING && t.text().toUpperCase(Locale.ROOT).equals("'" + name + "'");
            if (named) {
                int v = i + 1;
                while (v < s.size() && (s.token(v).isSymbol("=") || s.token(v).is("TO") || s.token(v).isSymbol(","))) {
                    v++;
                }
                if (v < s.size()) {
                    String value = s.token(v).text().replace("'", "").trim();
                    lockTimeout = !value.matches("0+(ms|s)?") && !value.equalsIgnoreCase("DEFAULT");
                }
                return;
            }
        }
    }

    private void observeAlter(SqlStatement s, String table) {
        if (!isNewTable(table)) {
            for (Clauses.Clause clause : Clauses.of(s).all()) {
                int col = clause.addedColumn();
                if (col >= 0 && clause.has("NOT", "NULL")) {
                    addedNotNull.add(key(table, s.nameAt(col)));
                }
                if (col >= 0 && s.nameAt(col) != null) {
                    addedInFile.add(key(table, s.nameAt(col)));
                }
            }
        }
        int rename = s.find(0, "RENAME", "TO");
        String renamed = rename >= 0 ? s.nameAt(rename + 2) : null;
        if (renamed != null && createdIn.containsKey(table.toLowerCase(Locale.ROOT))) {
            createdIn.put(renamed.toLowerCase(Locale.ROOT), createdIn.get(table.toLowerCase(Locale.ROOT)));
        }
        int c = s.find(0, "ADD", "CONSTRAINT");
        while (c >= 0) {
            String name = s.nameAt(c + 2);
            int end = s.find(c + 2, "ADD", "CONSTRAINT");
            int stop = end < 0 ? s.size() : end;
            boolean notValid = indexIn(s, c, stop, "NOT", "VALID");
            String column = notNullCheckColumn(s, c, stop);
            if (notValid && name != null) {
                notValidInTransaction.add(key(table, name));
                if (column != null) {
                    notValidChecks.put(key(table, name), column);
                }
            } else if (column != null) {
                validatedNotNull.add(key(table, column));
            }
            c = end;
        }
        int v = s.find(0, "VALIDATE", "CONSTRAINT");
        while (v >= 0) {
            String name = s.nameAt(v + 2);
            String column = notValidChecks.remove(key(table, name));
            if (column != null) {
                validatedNotNull.add(key(table, column));
            }
            v = s.find(v + 2, "VALIDATE", "CONSTRAINT");
        }
    }

    /** {@code CHECK (col IS NOT NULL)} between from and to: the column, else null. */
    private static String notNullCheckColumn(SqlStatement s, int from, int to) {
        int k = s.find(from, "CHECK");
        if (k < 0 || k >= to || k + 5 >= s.size() || !s.token(k + 1).isSymbol("(")) {
            return null;
        }
        int col = k + 2;
        int after = s.afterName(col);
        if (s.matchesAt(after, "IS", "NOT", "NULL") && after + 3 < s.size() && s.token(after + 3).isSymbol(")")) {
            return s.nameAt(col);
        }
        return null;
    }

    private static boolean indexIn(SqlStatement s, int from, int to, String... keywords) {
        int i = s.find(from, keywords);
        return i >= 0 && i < to;
    }

    private static String key(String table, String name) {
        return (table == null ? "" : table.toLowerCase(Locale.ROOT)) + "/" + (name == null ? "" : name.toLowerCase(Locale.ROOT));
    }
}
