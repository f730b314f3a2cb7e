package dev.migrationstrategist.lint;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.ChangeColumnType;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.guard.Rule;
import dev.migrationstrategist.guard.Rules;
import dev.migrationstrategist.input.ChangeRequest;
import dev.migrationstrategist.input.SchemaReader;
import dev.migrationstrategist.input.SqlChangeReader;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.PlanOptions;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.dialect.TypeChanges;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the guardrail {@link Rule}s of {@code strategist plan} on the statements of a migration file: a statement
 * that {@link SqlChangeReader} reads as a requested change is judged exactly as the planner would judge it. A
 * statement it does not understand is not judged here (statement rules still see it). The parser is only loaded
 * when a statement could be a change (ALTER, CREATE INDEX, DROP, RENAME).
 */
final class ChangeRules {
    private final Dialect dialect;
    private final LintConfig config;
    /** {@code -Dstrategist.lint.parser-only=true}: every statement through the SQL parser (bench/lint compares). */
    private static final boolean PARSER_ONLY = Boolean.getBoolean("strategist.lint.parser-only");
    private final FastChangeReader fastReader;
    /** The guard rules the configuration leaves on (asked for every change of a run: worked out once). */
    private final List<Rule> enabledRules;
    /** The planner's options for every state of the run (immutable: built once, not once per change). */
    private final PlanOptions options;
    private SqlChangeReader reader;
    private PlanContext planContext;
    private Schema state;
    /** MySQL/MariaDB: the database's default encoding, from CREATE / ALTER DATABASE ... CHARACTER SET in the run. */
    private dev.migrationstrategist.schema.TextEncoding databaseEncoding;
    /** Columns the run's files added to tables the state has no model of. */
    private final RunColumns runColumns = new RunColumns();
    /** The state and run columns the statement judged last runs against (statement rules ask after it advanced). */
    private Schema before;
    private RunColumns runColumnsBefore = runColumns;
    /** For the statement judged last: true when it is a type change the server does in place, else null. */
    private Boolean inPlaceTypeChange;

    ChangeRules(Dialect dialect, LintConfig config, Schema stateA) {
        this.dialect = dialect;
        this.config = config;
        this.state = stateA;
        this.before = stateA;
        this.fastReader = new FastChangeReader(dialect);
        this.enabledRules = Rules.all().stream().filter(r -> config.enabled(r.id())).toList();
        this.options = PlanOptions.defaults().withLargeTableRows(config.largeTableRows()).withRows(config.rows());
    }

    static List<String> ids() {
        return Rules.all().stream().map(Rule::id).toList();
    }

    List<Finding> check(SqlStatement s, LintContext context, String file) {
        inPlaceTypeChange = null;
        before = state;
        runColumnsBefore = runColumns.copy();
        if (!candidate(s)) {
            return List.of();
        }
        String table = Shapes.table(s);
        if (context.isNewTable(table) || provenSafe(s, context)) {
            absorbChanges(s, file);
            return List.of();
        }
        List<ChangeRequest> changes;
        try {
            changes = read(s, file);
        } catch (RuntimeException notAChange) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (ChangeRequest request : changes) {
            request = resolved(request);
            if (context.isNewTable(request.change().table().name())) {
                advance(request);
                continue;
            }
            Schema judged = runColumns.judging(request.change(), state).orElse(state);
            PlanContext judging = judged == state ? planContext() : context(judged);
            if (request.change() instanceof ChangeColumnType type) {
                inPlaceTypeChange = judged.table(type.table()).flatMap(t -> t.column(type.column()))
                        .map(c -> TypeChanges.inPlace(dialect, c.type(), type.newType())).orElse(null);
            }
            for (Rule rule : enabledRules) {
                try {
                    out.addAll(rule.check(request.change(), judging));
                } catch (StrategistException cannotJudgeWithoutSchema) {
                    // the rule needs State A (a column type, a table) that a migration file alone does not give
                }
            }
            advance(request);
        }
        return out;
    }

    /**
     * The change as the planner judges it: resolved against the state (PostgreSQL's {@code DROP INDEX name} finds
     * its table there, so a finding names the table, not the index); unresolved when the state cannot resolve it.
     */
    private ChangeRequest resolved(ChangeRequest request) {
        try {
            return new ChangeRequest(request.change().resolve(state, dialect), request.origin());
        } catch (RuntimeException unresolvable) {
            return request;
        }
    }

    /**
     * True when the statement judged last is a type change that State A shows the server does in place (no
     * rewrite, no scan), false when it rewrites, null when it is no type change or the type was unknown.
     */
    Boolean inPlaceTypeChange() {
        return inPlaceTypeChange;
    }

    /** True when the state the run has reached (State A plus the changes read so far) has this column. */
    boolean knowsColumn(String table, String column) {
        return runColumnsBefore.knows(table, column)
                || before.tables().stream().anyMatch(t -> t.name().name().equalsIgnoreCase(table)
                && t.columns().stream().anyMatch(c -> c.name().name().equalsIgnoreCase(column)));
    }

    /** The table as the state the run has reached has it (before the statement judged last), if it models it. */
    java.util.Optional<dev.migrationstrategist.schema.Table> tableBefore(String table) {
        return before.tables().stream().filter(t -> t.name().name().equalsIgnoreCase(table)).findFirst();
    }

    /**
     * True when the state the run has reached has a validated {@code CHECK (column IS NOT NULL)} on the table (State A
     * from --schema / --db, or a check an earlier file added), which lets PostgreSQL 12+ set NOT NULL without a scan.
     */
    boolean provesNotNull(String table, String column) {
        return before.tables().stream().filter(t -> t.name().name().equalsIgnoreCase(table)).findFirst()
                .flatMap(t -> t.columns().stream().filter(c -> c.name().name().equalsIgnoreCase(column)).findFirst()
                        .flatMap(c -> dev.migrationstrategist.schema.NotNullProof.of(t, c.name())))
                .isPresent();
    }

    /**
     * Reads a statement of a file the run treats as history (already applied): what it creates and changes becomes
     * part of the state later files are judged against; nothing is judged.
     */
    void absorb(SqlStatement s, String file) {
        if (!absorbCreated(s, file) && candidate(s)) {
            absorbChanges(s, file);
        }
    }

    private void absorbChanges(SqlStatement s, String file) {
        try {
            for (ChangeRequest request : read(s, file)) {
                advance(request);
            }
        } catch (RuntimeException notAChange) {
            // a statement the change reader cannot read leaves the state as it was
        }
    }

    /**
     * A {@code CREATE TABLE / TYPE / DOMAIN}: adds what it creates to the state (a table the state already
     * holds, from --schema or --db, is kept as it is there). True when the statement was such a CREATE.
     */
    boolean absorbCreated(SqlStatement s, String file) {
        followEncoding(s);
        if (!s.startsWith("CREATE") || s.startsWith("CREATE", "DATABASE") || s.startsWith("CREATE", "SCHEMA")) {
            return false;
        }
        if (Shapes.createdTable(s) == null && !s.startsWith("CREATE", "TYPE")
                && !s.startsWith("CREATE", "DOMAIN")) {
            return false;
        }
        try {
            state = new SchemaReader(dialect).readOnto(state, s.text(), file);
            String created = Shapes.createdTable(s);
            if (databaseEncoding != null && created != null) { // no DEFAULT CHARSET: the database's
                state.table(dev.migrationstrategist.schema.Ident.of(created)).filter(t -> t.encoding() == null)
                        .ifPresent(t -> state = state.withTable(t.withEncoding(databaseEncoding)));
            }
            planContext = null;
            reader = null;
        } catch (RuntimeException keepState) {
            // DDL the schema reader cannot read (or a table the state already has) leaves the state as it was
        }
        return true;
    }

    /**
     * MySQL/MariaDB: what a statement does to text encodings, which the change readers do not model. {@code CREATE /
     * ALTER DATABASE ... CHARACTER SET x [COLLATE y]} sets the default later CREATE TABLEs without one take; {@code
     * ALTER TABLE t CONVERT TO CHARACTER SET x [COLLATE y]} gives the table and every text column that encoding;
     * {@code ALTER TABLE t [DEFAULT] CHARSET=x [COLLATE=y]} only the table's default.
     */
    private void followEncoding(SqlStatement s) {
        if (!(dialect instanceof dev.migrationstrategist.dialect.MySqlDialect)) {
            return;
        }
        if ((s.startsWith("CREATE") || s.startsWith("ALTER")) && (s.matchesAt(1, "DATABASE")
                || s.matchesAt(1, "SCHEMA"))) {
            dev.migrationstrategist.schema.TextEncoding e = dev.migrationstrategist.schema.TextEncoding.of(
                    Charsets.charsetIn(s, 2, s.size()), Charsets.collationIn(s, 2, s.size()));
            if (e != null) {
                databaseEncoding = e;
            }
            return;
        }
        String name = Shapes.alteredTable(s);
        dev.migrationstrategist.schema.Table table = name == null ? null
                : state.table(dev.migrationstrategist.schema.Ident.of(name)).orElse(null);
        if (table == null) {
            return;
        }
        dev.migrationstrategist.schema.Table was = table;
        for (Clauses.Clause c : Clauses.of(s).all()) {
            boolean convert = c.startsWith("CONVERT", "TO");
            boolean option = c.startsWith("DEFAULT", "CHARSET") || c.startsWith("DEFAULT", "CHARACTER")
                    || c.startsWith("DEFAULT", "COLLATE") || c.startsWith("CHARSET") || c.startsWith("CHARACTER")
                    || c.startsWith("COLLATE");
            if (!convert && !option) {
                continue;
            }
            String charset = Charsets.charsetIn(s, c.from(), c.to());
            String collation = Charsets.collationIn(s, c.from(), c.to());
            dev.migrationstrategist.schema.TextEncoding e = dev.migrationstrategist.schema.TextEncoding.of(charset,
                    collation);
            if (e == null) {
                continue;
            }
            if (e.collation() == null) {
                e = new dev.migrationstrategist.schema.TextEncoding(e.charset(),
                        ((dev.migrationstrategist.dialect.MySqlDialect) dialect).defaultCollation(e.charset()));
            } else if (e.charset() == null && table.encoding() != null) {
                e = new dev.migrationstrategist.schema.TextEncoding(table.encoding().charset(), e.collation());
            }
            table = table.withEncoding(e);
            if (convert) {
                for (dev.migrationstrategist.schema.Column col : table.columns()) {
                    if (Charsets.isText(col.type())) {
                        table = table.replaceColumn(col.name(), col.withEncoding(null));
                    }
                }
            }
        }
        if (table != was) {
            state = state.withTable(table);
            planContext = null;
            reader = null;
        }
    }

    /** Later statements are judged against the state this one leads to. */
    private void advance(ChangeRequest request) {
        runColumns.follow(request.change(), state);
        try {
            state = request.change().resolve(state, dialect).applyTo(state);
            planContext = null;
            reader = null;
        } catch (RuntimeException keepState) {
            // a change the model cannot apply leaves the state as it was
        }
    }

    /** Statements that could be requested changes; everything else never reaches the SQL parser. */
    private static boolean candidate(SqlStatement s) {
        return s.startsWith("ALTER", "TABLE") || Shapes.isCreateIndex(s) || s.startsWith("DROP")
                || s.startsWith("RENAME") || s.startsWith("ALTER", "TYPE")
                || s.startsWith("ALTER", "DOMAIN");
    }

    /**
     * The documented safe NOT NULL pattern: {@code SET NOT NULL} once a {@code CHECK (col IS NOT NULL)} was
     * validated earlier in the run takes no scan, so it is not judged as a plain SET NOT NULL.
     */
    private static boolean provenSafe(SqlStatement s, LintContext context) {
        String table = Shapes.alteredTable(s);
        int set = s.find(0, "SET", "NOT", "NULL");
        if (table == null || set < 0 || context.mysqlFamily()) {
            return false;
        }
        int alter = s.find(0, "ALTER", "COLUMN");
        int column = alter >= 0 && alter < set ? alter + 2 : Shapes.afterAlteredTable(s) + 1;
        return s.nameAt(column) != null && context.hasValidatedNotNullCheck(table, s.nameAt(column));
    }

    /**
     * The changes a statement requests: the everyday forms read from its tokens ({@link FastChangeReader}), the
     * rest by the SQL parser ({@link SqlChangeReader}); throws when it is no change the planner knows.
     */
    private List<ChangeRequest> read(SqlStatement s, String file) {
        List<dev.migrationstrategist.change.Change> fast = PARSER_ONLY ? null : fastReader.read(s);
        String where = file + ":1:1";
        if (fast == null) {
            List<dev.migrationstrategist.change.Change> refused = fastReader.readRefused(s);
            if (refused != null) {
                return refused.stream().map(c -> new ChangeRequest(c, where)).toList();
            }
            return reader().read(s.text(), file).stream().filter(r -> !charsetOnly(r.change())).toList();
        }
        // a type restated as it is (ORMs write it beside DROP NOT NULL) changes nothing: the parser's reader drops
        // it against the state too
        return fast.stream().filter(c -> !(c instanceof ChangeColumnType t && t.restates(state)))
                .filter(c -> !charsetOnly(c)).map(c -> new ChangeRequest(c, where)).toList();
    }

    /**
     * MySQL/MariaDB: a MODIFY / CHANGE that keeps the column's type and names a character set or collation the
     * server changes without a copy (the same one, another collation, utf8mb3 → utf8mb4 where that is INSTANT), as
     * State A's encoding of the column shows: not a type change to judge ({@code charset-change} says what it does).
     */
    private boolean charsetOnly(dev.migrationstrategist.change.Change change) {
        if (!(change instanceof ChangeColumnType t) || !(dialect instanceof dev.migrationstrategist.dialect.MySqlDialect my)) {
            return false;
        }
        return state.table(t.table()).flatMap(table -> table.column(t.column()).map(c -> {
            CharsetClause target = CharsetClause.of(t.newType().text());
            if (target == null || !TypeChanges.same(c.type(), target.type())) {
                return false;
            }
            Charsets.Verdict v = Charsets.compare(Charsets.of(table, c), target.charset(), target.collation(), my);
            return v == Charsets.Verdict.SAME || v == Charsets.Verdict.COLLATION
                    || (v == Charsets.Verdict.UTF8MB4 || v == Charsets.Verdict.UTF8MB4_COLLATION)
                    && Charsets.widening(v, table, c, my, false) != Charsets.Algorithm.COPY;
        })).orElse(false);
    }

    private SqlChangeReader reader() {
        if (reader == null) {
            reader = new SqlChangeReader(dialect, state);
        }
        return reader;
    }

    private PlanContext planContext() {
        if (planContext == null) {
            planContext = context(state);
        }
        return planContext;
    }

    private PlanContext context(Schema schema) {
        return new PlanContext(schema, dialect, options);
    }
}
