package dev.migrationstrategist.lint;

import dev.migrationstrategist.schema.Schema;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.MySqlDialect;
import dev.migrationstrategist.finding.Finding;
import dev.migrationstrategist.finding.Severity;
import dev.migrationstrategist.lint.StatementRule;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lints migration files in order, carrying context from statement to statement and from file to file. Each
 * statement is judged by the statement rules ({@link StatementRule}) and, when {@link ChangeRules} can read it as a
 * requested change, by the same guardrail rules that {@code strategist plan} applies.
 */
public final class Linter {
    private static final Pattern LIQUIBASE = Pattern.compile("liquibase\\s+formatted\\s+sql", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHANGESET = Pattern.compile("changeset\\s+(\\S+)(.*)", Pattern.CASE_INSENSITIVE);

    private final Dialect dialect;
    private final LintConfig config;
    private final ChangeRules changeRules;
    /** The statement rules the configuration leaves on, in {@link StatementRule#all()} order, with their ids. */
    private final List<StatementRule> statementRules;
    private final List<String> statementRuleIds;

    public Linter(Dialect dialect, LintConfig config) {
        this(dialect, config, Schema.empty());
    }

    /**
     * @param stateA the schema before the first migration of the run (from --schema or --db): with it, rules that
     *               need a column's type or a table's constraints can judge; each change read is applied to it, so
     *               later files see the state earlier files lead to
     */
    public Linter(Dialect dialect, LintConfig config, Schema stateA) {
        this.dialect = dialect;
        this.config = config;
        this.changeRules = new ChangeRules(dialect, config, stateA);
        // asked for every statement of a run: ids and the configuration's verdict on them are worked out once
        List<StatementRule> rules = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (StatementRule rule : StatementRule.all()) {
            if (config.enabled(rule.id())) {
                rules.add(rule);
                ids.add(rule.id());
            }
        }
        this.statementRules = List.copyOf(rules);
        this.statementRuleIds = List.copyOf(ids);
    }

    /** Every id a finding can carry: statement rules, change rules and the file-level ones. */
    public static Set<String> knownRuleIds() {
        Set<String> ids = new HashSet<>(MetaRules.SUMMARIES.keySet());
        StatementRule.all().forEach(r -> ids.add(r.id()));
        ids.addAll(ChangeRules.ids());
        return ids;
    }

    /** Lints every file, each as the next migration after the ones before it ({@link RunScope#everyFile()}). */
    public LintResult lint(List<MigrationFile> files) {
        return lint(files, RunScope.everyFile());
    }

    /**
     * Lints the files the scope says are linted, in the given order; the others are read as history: their
     * statements carry context and (with {@link RunScope#historyInState()}) build State A, and are not judged.
     */
    public LintResult lint(List<MigrationFile> files, RunScope scope) {
        LintContext context = new LintContext(dialect, config.rows(), config.largeTableRows());
        context.knownColumns(changeRules::knowsColumn);
        context.stateTables(changeRules::tableBefore);
        context.provenNotNull(changeRules::provesNotNull);
        List<LintFinding> findings = new ArrayList<>();
        int statements = 0;
        int linted = 0;
        // reading and lexing do not depend on context: done on every core first, judged in order after
        List<Source> sources = files.size() > 1 ? files.parallelStream().map(this::read).toList()
                : files.stream().map(this::read).toList();
        for (int i = 0; i < files.size(); i++) {
            MigrationFile file = files.get(i);
            Source source = sources.get(i);
            if (source.unreadable() != null) {
                throw StrategistException.invalid(file.name() + ": cannot read (" + source.unreadable() + ")");
            }
            if (scope.isNew(file)) {
                context.markNew(file.name());
            }
            if (scope.linted(file)) {
                linted++;
                statements += lintFile(file, source, context, findings);
            } else {
                readHistory(file, source, context, scope.historyInState());
            }
        }
        List<LintFinding> kept = new ArrayList<>();
        for (LintFinding f : findings) {
            if (config.enabled(f.rule())) {
                kept.add(config.severity(f.rule()).map(f::withSeverity).orElse(f));
            }
        }
        return new LintResult(kept, linted, statements, files.size() - linted);
    }

    /** A file already applied: its statements shape the context and State A; a file that cannot be read is skipped. */
    private void readHistory(MigrationFile file, Source source, LintContext context, boolean intoState) {
        SqlLexer.Lexed lexed = source.lexed();
        if (lexed == null || lexed.problem() != null) {
            return;
        }
        context.startFile(file.name(), null);
        for (SqlStatement s : statements(lexed)) {
            if (intoState) {
                changeRules.absorb(s, file.name());
            }
            context.observe(s);
        }
    }

    /**
     * A file's text lexed, or why not: {@code lexed} null when it is not UTF-8, {@code unreadable} the I/O error's
     * message when it cannot be read at all.
     */
    private record Source(SqlLexer.Lexed lexed, String unreadable) {
    }

    private Source read(MigrationFile file) {
        try {
            return new Source(SqlLexer.lex(decode(Files.readAllBytes(file.path())), dialect instanceof MySqlDialect),
                    null);
        } catch (CharacterCodingException e) {
            return new Source(null, null);
        } catch (IOException e) {
            return new Source(null, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private int lintFile(MigrationFile file, Source source, LintContext context, List<LintFinding> all) {
        List<LintFinding> out = new ArrayList<>();
        int count = lintFileInto(file, source, context, out);
        out.sort(java.util.Comparator.comparingInt(LintFinding::line).thenComparingInt(LintFinding::column));
        all.addAll(out);
        return count;
    }

    private int lintFileInto(MigrationFile file, Source source, LintContext context, List<LintFinding> out) {
        if (source.lexed() == null) {
            out.add(fileProblem(file, 1, 1, "the file is not UTF-8 text"));
            return 0;
        }
        SqlLexer.Lexed lexed = source.lexed();
        if (lexed.problem() != null) {
            LexProblem p = lexed.problem();
            out.add(fileProblem(file, p.line(), p.column(), p.message()));
            return 0;
        }
        List<Changeset> changesets = new ArrayList<>();
        if (isLiquibase(lexed.comments())) {
            for (Comment c : lexed.comments()) {
                Matcher m = CHANGESET.matcher(c.text());
                if (c.ownLine() && m.matches()) {
                    if (!m.group(1).contains(":")) {
                        out.add(fileProblem(file, c.line(), 1, "a Liquibase changeset needs author:id, got '"
                                + m.group(1) + "'"));
                        return 0;
                    }
                    boolean tx = !m.group(2).replace(" ", "").toLowerCase(Locale.ROOT).contains("runintransaction:false");
                    changesets.add(new Changeset(c.line(), m.group(1), tx));
                }
            }
        }
        List<SqlStatement> statements = statements(lexed);
        context.startFile(file.name(), fileTransaction(file, statements));
        try {
            context.renamesCoveredByView(renamesCoveredByView(statements));
        } catch (RuntimeException e) {
            context.renamesCoveredByView(Set.of());
        }
        Map<Integer, Suppression> ignores = new HashMap<>();
        Set<Integer> ownLineComments = new HashSet<>();
        for (Comment c : lexed.comments()) {
            if (c.ownLine()) {
                ownLineComments.add(c.line());
            }
            Suppression s = Suppression.parse(c);
            if (s != null) {
                ignores.put(c.line(), s);
            }
        }
        Set<Integer> used = new HashSet<>();
        for (SqlStatement s : statements) {
            if (!changesets.isEmpty()) {
                Changeset cs = changesetOf(changesets, s.line());
                context.implicitTransaction(cs != null && cs.inTransaction && !(dialect instanceof MySqlDialect)
                        ? "a Liquibase changeset (" + cs.id + ", runInTransaction defaults to true)" : null);
            }
            List<LintFinding> found = judge(file, s, context);
            changeRules.absorbCreated(s, file.name());
            List<Suppression> above = suppressionsAbove(s.line(), ignores, ownLineComments);
            for (LintFinding f : found) {
                Suppression by = above.stream().filter(x -> x.hasReason() && x.rules().contains(f.rule()))
                        .findFirst().orElse(null);
                if (by == null) {
                    out.add(f);
                } else {
                    used.add(by.line());
                }
            }
            try {
                context.observe(s);
            } catch (RuntimeException e) {
                // what the statement changes in the context could not be read: later statements are judged without it
            }
        }
        for (Suppression s : ignores.values()) {
            if (!s.hasReason()) {
                out.add(new LintFinding(MetaRules.IGNORE_WITHOUT_REASON, Severity.WARNING, file.name(), s.line(), 1,
                        "", "The ignore comment for " + s.rules() + " gives no reason, so it suppresses nothing.",
                        Impact.NONE, "Say why the statement is safe here: -- " + Suppression.MARKER + " "
                        + (s.rules().isEmpty() ? "<rule-id>" : String.join(",", s.rules()))
                        + " <reason, e.g. the table has 40 rows>", null));
            } else if (!used.contains(s.line())) {
                out.add(new LintFinding(MetaRules.UNUSED_IGNORE, Severity.WARNING, file.name(), s.line(), 1, "",
                        "The ignore comment for " + String.join(",", s.rules()) + " matches no finding on the"
                                + " statement below it.",
                        Impact.NONE, "Remove the comment, or move it to the line right above the statement that"
                        + " raises " + String.join(",", s.rules()) + ".", null));
            }
        }
        return statements.size();
    }

    /**
     * The file's statements as the server runs them: the statements inside procedural code read
     * ({@link ProceduralSql}), and on MySQL/MariaDB prepared DDL ({@link PreparedSql}).
     */
    private List<SqlStatement> statements(SqlLexer.Lexed lexed) {
        boolean mysql = dialect instanceof MySqlDialect;
        List<SqlStatement> statements = ProceduralSql.expand(lexed.statements(), mysql);
        return mysql ? PreparedSql.expand(statements) : statements;
    }

    private List<LintFinding> judge(MigrationFile file, SqlStatement s, LintContext context) {
        List<Finding> fromChanges = List.of();
        boolean unreadable = false;
        try {
            fromChanges = changeRules.check(s, context, file.name());
        } catch (RuntimeException e) {
            unreadable = true; // a reader bug must never crash lint or pass the statement silently
        }
        List<Finding> fromStatement = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        fromChanges.forEach(f -> ids.add(f.rule()));
        for (int r = 0; r < statementRules.size(); r++) {
            StatementRule rule = statementRules.get(r);
            if (ids.contains(statementRuleIds.get(r))) {
                continue; // a guard rule that read the statement already said it, with the plan command
            }
            try {
                fromStatement.addAll(rule.check(s, context));
            } catch (RuntimeException e) {
                unreadable = true;
            }
        }
        if (context.renameCoveredByView(Shapes.table(s))) {
            // the old name comes back as a view of the new table later in this file: running code keeps working
            fromChanges = fromChanges.stream().filter(f -> !f.rule().equals("rename-table-in-use")).toList();
            fromStatement.removeIf(f -> f.rule().equals("rename-table-in-use"));
        }
        if (context.mysqlFamily() && context.foreignKeyChecksOff()) {
            // the finding's own advice: with foreign_key_checks = 0 the server adds the key in place (measured
            // INSTANT on MariaDB 10.11), without the copy it warns about
            fromChanges = fromChanges.stream().filter(f -> !f.rule().equals("add-foreign-key-blocks-writes")).toList();
            fromStatement.removeIf(f -> f.rule().equals("add-foreign-key-blocks-writes"));
        }
        boolean otherErrors = fromChanges.stream().anyMatch(f -> f.severity() == Severity.ERROR)
                || fromStatement.stream().anyMatch(f -> f.severity() == Severity.ERROR
                && !f.rule().equals("ddl-without-algorithm"));
        if (otherErrors) {
            // the error on this statement already says what the server will do and what to write instead; an
            // "add ALGORITHM=INSTANT" next to it would contradict a COPY-only fact
            fromStatement.removeIf(f -> f.rule().equals("ddl-without-algorithm") && f.severity() != Severity.ERROR);
        }
        List<LintFinding> out = new ArrayList<>();
        Impact impact = fromChanges.isEmpty() && fromStatement.isEmpty() ? Impact.NONE : impact(s, fromStatement);
        for (Finding f : fromStatement) {
            out.add(new LintFinding(f.rule(), f.severity(), file.name(), s.line(), s.column(), s.firstLine(),
                    f.message(), impact, f.safeAlternative(), null, s.normalised()));
        }
        for (Finding f : fromChanges) {
            out.add(new LintFinding(f.rule(), f.severity(), file.name(), s.line(), s.column(), s.firstLine(),
                    f.message(), impact, f.safeAlternative(), planCommand(s), s.normalised()));
        }
        if (out.isEmpty() && (unreadable || !StatementKinds.recognised(s))
                && config.enabled(MetaRules.UNRECOGNISED_STATEMENT)) {
            out.add(new LintFinding(MetaRules.UNRECOGNISED_STATEMENT, Severity.INFO, file.name(), s.line(),
                    s.column(), s.firstLine(), (unreadable ? "Lint could not read this statement"
                    : "No rule understands this kind of statement") + ", so nothing about its locks or rewrites was"
                    + " checked.", Impact.NONE, "Check it by hand against docs/rules and LOCKS.md (or run it on a"
                    + " rehearsal copy: strategist rehearse); --strict makes this note an error.", null,
                    s.normalised()));
        }
        return out;
    }

    /**
     * One impact per statement, so that no two findings on it disagree: when State A shows a type change is done
     * in place, or the type-change rule judged it a possible widening, it is not reported as rewritten.
     */
    private Impact impact(SqlStatement s, List<Finding> fromStatement) {
        Impact impact = Locks.of(s, dialect);
        boolean inPlace = Boolean.TRUE.equals(changeRules.inPlaceTypeChange())
                || fromStatement.stream().anyMatch(f -> f.rule().equals("change-column-type-without-schema")
                && f.severity() == Severity.WARNING);
        boolean rewrites = Boolean.FALSE.equals(changeRules.inPlaceTypeChange())
                || fromStatement.stream().anyMatch(f -> f.severity() == Severity.ERROR && REWRITES.contains(f.rule()));
        if (dialect instanceof MySqlDialect && !rewrites && fromStatement.stream().anyMatch(f ->
                f.rule().equals("charset-change") || f.rule().equals("table-rebuild"))) {
            // State A shows the charset stays (or only the collation changes): no copy; ENGINE= / FORCE rebuilds
            String on = Shapes.table(s) == null ? "" : " on " + Shapes.table(s);
            return Locks.rebuilds(s) ? Locks.rebuild(on) : Locks.inPlace(s, dialect);
        }
        if (inPlace && !rewrites) {
            return Locks.inPlace(s, dialect);
        }
        if (rewrites && !impact.rewrite()) {
            return Locks.rewriting(s, dialect);
        }
        return impact;
    }

    /** Statement rules whose error means the table is rewritten or copied. */
    private static final Set<String> REWRITES = Set.of("change-column-type-without-schema", "stored-generated-column",
            "set-logged-rewrite", "drop-primary-key", "partition-change", "serial-primary-key-on-existing-table",
            "charset-change", "table-rebuild");

    private String planCommand(SqlStatement s) {
        return "strategist plan --dialect " + dialect.spec() + " --sql \"" + s.oneLine().replace("\\", "\\\\")
                .replace("\"", "\\\"").replace("$", "\\$") + "\"";
    }

    /** The comment lines directly above a statement that are ignore comments. */
    private static List<Suppression> suppressionsAbove(int line, Map<Integer, Suppression> ignores, Set<Integer> comments) {
        List<Suppression> out = new ArrayList<>();
        for (int l = line - 1; l >= 1 && comments.contains(l); l--) {
            Suppression s = ignores.get(l);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Why every statement of the file runs in a transaction, or null: Flyway runs each PostgreSQL migration in one
     * transaction, unless the file is marked non-transactional (a {@code .conf} with executeInTransaction=false) or
     * holds only statements Flyway runs outside a transaction.
     */
    private String fileTransaction(MigrationFile file, List<SqlStatement> statements) {
        if (!file.isFlyway() || dialect instanceof MySqlDialect) {
            return null;
        }
        Path conf = file.path().resolveSibling(file.path().getFileName() + ".conf");
        if (Files.isRegularFile(conf)) {
            try {
                String c = Files.readString(conf).replace(" ", "").toLowerCase(Locale.ROOT);
                if (c.contains("executeintransaction=false")) {
                    return null;
                }
            } catch (IOException e) {
                throw StrategistException.invalid(conf + ": cannot read (" + e.getMessage() + ")");
            }
        }
        boolean anyTransactional = false;
        boolean anyOutside = false;
        for (SqlStatement s : statements) {
            if (s.startsWith("SET") || s.startsWith("RESET")) {
                continue;
            }
            if (runsOutsideTransaction(s)) {
                anyOutside = true;
            } else {
                anyTransactional = true;
            }
        }
        if (anyOutside && !anyTransactional) {
            return null;
        }
        return "a Flyway migration (Flyway runs each PostgreSQL migration in one transaction)";
    }

    private boolean runsOutsideTransaction(SqlStatement s) {
        return s.contains("CONCURRENTLY") || s.startsWith("VACUUM") || s.startsWith("ALTER", "SYSTEM")
                || s.startsWith("CREATE", "DATABASE") || s.startsWith("DROP", "DATABASE")
                || s.startsWith("ALTER", "TYPE") && s.contains("ADD", "VALUE") && !dialect.version().atLeast(12);
    }

    /**
     * Old names of tables renamed in this file that a later statement of the same file recreates as a view of the
     * new table ({@code ALTER TABLE a RENAME TO b; CREATE VIEW a AS SELECT * FROM b}): the expand step of a table
     * rename, after which running code still reads and writes the old name.
     */
    private static Set<String> renamesCoveredByView(List<SqlStatement> statements) {
        Map<String, String> renamed = new HashMap<>();
        Set<String> covered = new HashSet<>();
        for (SqlStatement s : statements) {
            String old = Shapes.table(s);
            int to = s.find(0, "RENAME", "TO");
            if (old != null && s.startsWith("ALTER", "TABLE") && to >= 0 && s.nameAt(to + 2) != null) {
                renamed.put(old.toLowerCase(Locale.ROOT), s.nameAt(to + 2).toLowerCase(Locale.ROOT));
            } else if (old != null && s.startsWith("RENAME", "TABLE") && s.find(0, "TO") >= 0) {
                renamed.put(old.toLowerCase(Locale.ROOT), s.nameAt(s.find(0, "TO") + 1).toLowerCase(Locale.ROOT));
            }
            int view = s.find(0, "VIEW");
            if (s.startsWith("CREATE") && view >= 0 && view <= 4) {
                String name = s.nameAt(s.skip(view + 1, "IF", "NOT", "EXISTS"));
                int as = s.find(view, "AS", "SELECT");
                boolean star = as >= 0 && as + 3 < s.size() && s.token(as + 2).isSymbol("*")
                        && s.token(as + 3).is("FROM");
                String source = star ? s.nameAt(as + 4) : null;
                if (name != null && source != null && source.equalsIgnoreCase(renamed.get(name.toLowerCase(Locale.ROOT)))
                        && s.afterName(as + 4) >= s.size()) {
                    covered.add(name.toLowerCase(Locale.ROOT));
                }
            }
        }
        return covered;
    }

    private static boolean isLiquibase(List<Comment> comments) {
        return !comments.isEmpty() && comments.get(0).ownLine() && LIQUIBASE.matcher(comments.get(0).text()).matches();
    }

    private record Changeset(int line, String id, boolean inTransaction) {
    }

    private static Changeset changesetOf(List<Changeset> changesets, int line) {
        Changeset found = null;
        for (Changeset c : changesets) {
            if (c.line < line) {
                found = c;
            }
        }
        return found;
    }

    private static LintFinding fileProblem(MigrationFile file, int line, int column, String what) {
        return new LintFinding(MetaRules.PARSE_ERROR, Severity.ERROR, file.name(), line, column, "",
                "The file cannot be read as SQL: " + what + ". Nothing in this file was checked.",
                Impact.NONE, "Fix the SQL at " + file.name() + ":" + line + ":" + column
                + " (close the string, comment, quoted name or parenthesis), then lint again.", null);
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
