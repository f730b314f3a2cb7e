package dev.migrationstrategist.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.plan.AppReleaseStep;
import dev.migrationstrategist.plan.BackfillStep;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.statement.BatchStatement;
import dev.migrationstrategist.statement.KeyParameters;
import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.statement.ResyncColumn;
import dev.migrationstrategist.statement.SetLockTimeout;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan as a Liquibase changelog, in YAML and in formatted SQL (the same changesets, the same identity), in the
 * plan's order:
 * <ul>
 *   <li>a database step that runs as one transaction is one changeset;</li>
 *   <li>a step that cannot ({@code CONCURRENTLY}, MySQL/MariaDB DDL) is {@code runInTransaction: false} and, like the
 *       Flyway export, one changeset per unit that runs on its own (a statement with the session settings before it,
 *       a {@code LOCK TABLES ... UNLOCK TABLES} window whole), so that a unit that failed (a lock timeout) is run
 *       again without the units before it; the step's rollback and gates sit on its first unit;</li>
 *   <li>a backfill is a changeset outside a transaction that creates, calls and drops a procedure running the
 *       plan's keyset batches with a commit after each;</li>
 *   <li>a step's verification query, and the completeness of every backfill before the first contract changeset
 *       after it, are {@code sqlCheck} preconditions ({@code expectedResult: 0}, {@code onFail: HALT});</li>
 *   <li>each changeset is labelled with its phase and with {@code before-<version>} for every application release
 *       still ahead of it, so {@code liquibase update --label-filter=before-v1.1} stops at that release;</li>
 *   <li>the rollback is the plan's rollback statements after the lock timeout, {@code empty} where the database has
 *       nothing to undo, and absent where the step is irreversible (Liquibase then refuses to roll back past it).</li>
 * </ul>
 * Every statement is one SQL change as the plan renders it ({@code splitStatements: false}): Liquibase's splitter
 * does not know PostgreSQL's dollar quotes. The formatted SQL ends each statement with a {@code /} line
 * ({@code endDelimiter:/}) for the same reason.
 */
public final class LiquibaseExport {
    public static final String DEFAULT_AUTHOR = "migration-strategist";

    /** A query that must return 0 before a changeset runs, and what the failure says. */
    public record Gate(String countQuery, String message) {
    }

    /** What undoing a changeset runs. */
    public enum RollbackKind {
        /** the statements listed */
        STATEMENTS,
        /** nothing: the database has nothing to undo for it */
        EMPTY,
        /** no rollback: the step cannot be undone, Liquibase refuses to roll back past it */
        NONE
    }

    /**
     * One changeset.
     *
     * @param id            stable and meaningful: {@code step<N>-<phase>-<action>-<table>}, {@code -part<k>} for a unit
     *                      of a step that runs outside a transaction
     * @param labels        its phase and {@code before-<version>} for each release after it
     * @param statements    the SQL it runs, one statement each, as the plan renders them
     * @param rollback      the SQL that undoes it (the lock timeout first) when {@code rollbackKind} is STATEMENTS
     */
    public record Changeset(String id, int step, Phase phase, String comment, List<String> labels,
                            boolean transactional, List<Gate> gates, List<String> statements,
                            RollbackKind rollbackKind, List<String> rollback, String rollbackNote) {
        public Changeset {
            if (rollbackKind == RollbackKind.NONE) {
                comment = comment + "; no rollback: " + rollbackNote;
            }
            labels = List.copyOf(labels);
            gates = List.copyOf(gates);
            statements = List.copyOf(statements);
            rollback = List.copyOf(rollback);
        }
    }

    /** Deploy {@code appVersion} everywhere before running the changesets that do not carry {@code label}. */
    public record Boundary(int step, String appVersion, String title, String label) {
    }

    private final Plan plan;
    private final Dialect dialect;
    private final ScriptSyntax syntax;
    private final String author;

    public LiquibaseExport(Plan plan, String author) {
        this.plan = plan;
        this.dialect = plan.dialect();
        this.syntax = ScriptSyntax.of(dialect);
        this.author = author == null || author.isBlank() ? DEFAULT_AUTHOR : author;
    }

    public String author() {
        return author;
    }

    /** The release boundaries, in order. */
    public List<Boundary> boundaries() {
        List<Boundary> out = new ArrayList<>();
        for (Step s : plan.steps()) {
            if (s instanceof AppReleaseStep app) {
                out.add(new Boundary(app.number(), app.appVersion(), app.title(), label(app.appVersion())));
            }
        }
        return out;
    }

    /** The label of the changesets that run before {@code appVersion} is deployed. */
    public static String label(String appVersion) {
        return "before-" + FlywayExport.slug(appVersion).replace('_', '.');
    }

    /** The changesets, in order. */
    public List<Changeset> changesets() {
        List<Changeset> out = new ArrayList<>();
        List<BackfillStep> backfills = new ArrayList<>();
        boolean backfilled = false;
        for (Step s : plan.steps()) {
            List<String> labels = labels(s);
            String id = id(s);
            if (s instanceof BackfillStep b) {
                out.add(new Changeset(id, b.number(), b.phase(), comment(b), labels, false, List.of(), backfill(b),
                        rollbackKind(b.rollback()), rollbackSql(b.rollback()), b.rollback().note()));
                backfills.add(b);
                backfilled = true;
            } else if (s instanceof SchemaStep schema) {
                List<Gate> gates = new ArrayList<>();
                if (schema.phase() == Phase.CONTRACT && backfilled) {
                    for (BackfillStep b : backfills) {
                        gates.add(new Gate(b.remainingSql(), "step " + b.number() + " backfill is not complete: "
                                + b.remainingSql() + " must return 0"));
                    }
                    backfilled = false;
                }
                if (schema.verifySql() != null) {
                    gates.add(new Gate(schema.verifySql(), "step " + schema.number() + " cannot run: "
                            + schema.verifySql() + " must return 0"));
                }
                List<Rendered> forward = FlywayExport.forward(schema.statements());
                List<List<Rendered>> units = schema.transactional() ? List.of(forward) : FlywayExport.groups(forward);
                for (int i = 0; i < units.size(); i++) {
                    boolean first = i == 0;
                    out.add(new Changeset(units.size() == 1 ? id : id + "-part" + (i + 1), schema.number(),
                            schema.phase(), comment(schema) + (units.size() == 1 ? "" : " (part " + (i + 1) + " of "
                            + units.size() + ")"), labels, schema.transactional(), first ? gates : List.of(),
                            Rendered.sql(units.get(i)),
                            first ? rollbackKind(schema.rollback()) : RollbackKind.EMPTY,
                            first ? rollbackSql(schema.rollback()) : List.of(),
                            first ? schema.rollback().note() : "part " + (i + 1) + " is undone with part 1"));
                }
            }
        }
        return out;
    }

    private static String id(Step s) {
        return FlywayExport.slug("step" + s.number() + "_" + s.phase().jsonName() + "_"
                + (s.action() == null ? "" : s.action()) + "_" + (s.targetTable() == null ? "" : s.targetTable()))
                .replace("_", "-");
    }

    private static String comment(Step s) {
        return "Step " + s.number() + ", " + (s.title() == null ? s.phase().jsonName() : s.title());
    }

    /** The step's phase, and {@code before-<version>} for every release after it. */
    private List<String> labels(Step step) {
        List<String> labels = new ArrayList<>();
        labels.add(step.phase().jsonName().replace('_', '-'));
        for (Step s : plan.steps()) {
            if (s.number() > step.number() && s instanceof AppReleaseStep app) {
                labels.add(label(app.appVersion()));
            }
        }
        return labels;
    }

    private static RollbackKind rollbackKind(Rollback r) {
        if (!r.statements().isEmpty()) {
            return RollbackKind.STATEMENTS;
        }
        return r.irreversible() ? RollbackKind.NONE : RollbackKind.EMPTY;
    }

    /**
     * The rollback's statements after the lock timeout, as {@code strategist rollback} runs them, without the
     * {@link dev.migrationstrategist.statement.Guarded} ones: those repair a swap window that was interrupted part-way
     * (re-create the old layout's triggers, re-sync a column batch by batch); Liquibase rolls back only a changeset that
     * ran to its end, where they have nothing to do.
     */
    private List<String> rollbackSql(Rollback r) {
        if (r.statements().isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        out.add(dialect.render(new SetLockTimeout(plan.options().lockTimeout())));
        for (Rendered x : FlywayExport.forward(r.statements())) {
            if (x.statement() instanceof ResyncColumn resync && resync.ownTransactions()) {
                // a conversion of stored values (a renamed enum value's rollback): Liquibase rolls a changeset back in
                // its transaction, where a procedure cannot commit per batch; one UPDATE, row locks held to its end
                out.add(dialect.resyncAll(resync));
                continue;
            }
            if (x.statement() instanceof ResyncColumn) {
                throw new IllegalStateException("a rollback re-syncs " + x.statement() + " batch by batch outside a"
                        + " guard: the Liquibase export has no procedure for it");
            }
            out.add(x.sql());
        }
        return out;
    }

    /** The backfill as a procedure over the plan's own batch and next-key statements, then its call and drop. */
    private List<String> backfill(BackfillStep b) {
        BatchStatement batch = b.batch().statement();
        KeyParameters first = KeyParameters.variables(ScriptSyntax.VARIABLES, true);
        KeyParameters later = KeyParameters.variables(ScriptSyntax.VARIABLES, false);
        List<String> statements = new ArrayList<>();
        statements.add(dialect.render(new SetLockTimeout(plan.options().lockTimeout())));
        statements.addAll(syntax.backfill("strategist_backfill_step" + b.number(),
                FlywayExport.keyType(plan, batch), b.batchSize(), dialect.render(batch.minKey()),
                dialect.render(b.nextKey().statement(), first), dialect.render(b.nextKey().statement(), later),
                dialect.render(batch, first), dialect.render(batch, later)));
        return statements;
    }

    /** The changelog as YAML, with {@code logicalFilePath} so that it and the formatted SQL are the same changesets. */
    public String yaml(String logicalFilePath) {
        List<Object> log = new ArrayList<>();
        log.add(Map.of("logicalFilePath", logicalFilePath));
        for (Changeset c : changesets()) {
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("id", c.id());
            set.put("author", author);
            set.put("labels", String.join(",", c.labels()));
            set.put("comment", c.comment());
            if (!c.transactional()) {
                set.put("runInTransaction", false);
            }
            if (!c.gates().isEmpty()) {
                List<Object> pre = new ArrayList<>();
                pre.add(Map.of("onFail", "HALT"));
                pre.add(Map.of("onError", "HALT"));
                pre.add(Map.of("onFailMessage", String.join("; ", c.gates().stream().map(Gate::message).toList())));
                for (Gate g : c.gates()) {
                    Map<String, Object> check = new LinkedHashMap<>();
                    check.put("expectedResult", "0");
                    check.put("sql", g.countQuery());
                    pre.add(Map.of("sqlCheck", check));
                }
                set.put("preConditions", pre);
            }
            set.put("changes", sqlChanges(c.statements()));
            switch (c.rollbackKind()) {
                case STATEMENTS -> set.put("rollback", sqlChanges(c.rollback()));
                case EMPTY -> set.put("rollback", "empty");
                case NONE -> { }
            }
            log.add(Map.of("changeSet", set));
        }
        StringBuilder out = new StringBuilder("# Exported by Migration Strategist: ").append(changesSummary())
                .append(" (").append(dialect.name()).append(' ').append(dialect.versionLabel()).append(").\n")
                .append("# Stop at each application release: liquibase update --label-filter=<label>;")
                .append(" see the README beside this file.\n");
        try {
            out.append(new YAMLMapper().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .disable(YAMLGenerator.Feature.SPLIT_LINES)
                    .writeValueAsString(Map.of("databaseChangeLog", log)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static List<Object> sqlChanges(List<String> statements) {
        List<Object> out = new ArrayList<>();
        for (String sql : statements) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("splitStatements", false);
            change.put("stripComments", false);
            change.put("sql", sql);
            out.add(Map.of("sql", change));
        }
        return out;
    }

    /**
     * The changelog as Liquibase formatted SQL. Each statement ends with a {@code /} line, the changeset's
     * {@code endDelimiter} (and its rollback's), so the statements reach the server exactly as the plan renders them.
     */
    public String formattedSql(String logicalFilePath) {
        StringBuilder out = new StringBuilder("--liquibase formatted sql\n\n-- Exported by Migration Strategist: ")
                .append(changesSummary()).append(" (").append(dialect.name()).append(' ')
                .append(dialect.versionLabel()).append(").\n-- Stop at each application release:"
                        + " liquibase update --label-filter=<label>; see the README beside this file.\n");
        for (Changeset c : changesets()) {
            out.append("\n--changeset ").append(author).append(':').append(c.id())
                    .append(" labels:").append(String.join(",", c.labels()))
                    .append(c.transactional() ? "" : " runInTransaction:false")
                    .append(" splitStatements:true endDelimiter:/ rollbackEndDelimiter:/ stripComments:false")
                    .append(" logicalFilePath:").append(logicalFilePath).append('\n');
            out.append("--comment: ").append(oneLine(c.comment())).append('\n');
            if (!c.gates().isEmpty()) {
                out.append("--preconditions onFail:HALT onError:HALT\n");
                for (Gate g : c.gates()) {
                    out.append("--precondition-sql-check expectedResult:0 ").append(oneLine(g.countQuery())).append('\n');
                }
            }
            for (String sql : c.statements()) {
                out.append(sql).append("\n/\n");
            }
            switch (c.rollbackKind()) {
                case STATEMENTS -> {
                    // --rollback lines, not a "/* liquibase rollback" block: Liquibase joins a block's lines without
                    // their line breaks, and the "/" delimiters would no longer stand on lines of their own
                    for (String sql : c.rollback()) {
                        (sql + "\n/").lines().forEach(line -> out.append("--rollback ").append(line).append('\n'));
                    }
                }
                case EMPTY -> out.append("--rollback empty\n");
                case NONE -> { } // the comment says why (a comment line here would be sent as a statement)
            }
        }
        return out.toString();
    }

    /**
     * A precondition or comment line of formatted SQL holds one line: line breaks become spaces (the plan's count
     * queries hold no string literal with a line break).
     */
    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ");
    }

    private String changesSummary() {
        return String.join("; ", plan.changes().stream().map(c -> c.kind() + " " + c.fields()).toList());
    }

    /** The folder's README: the stretches between releases, the command for each, what to deploy after it. */
    public String readme(String yamlFile, String sqlFile, String master) {
        List<Changeset> changesets = changesets();
        List<Boundary> boundaries = boundaries();
        StringBuilder out = new StringBuilder("# Liquibase changelog exported by Migration Strategist\n\n");
        out.append("Changes: ").append(changesSummary()).append("\nDialect: ").append(dialect.name()).append(' ')
                .append(dialect.versionLabel()).append(".\n\n")
                .append("The same changesets twice: `").append(yamlFile).append("` (YAML")
                .append(master == null ? "" : ", included from `" + master + "`").append(") and `").append(sqlFile)
                .append("` (formatted SQL). Include **one** of them in your master changelog: both carry the same")
                .append(" `logicalFilePath`, ids and author, so including both fails Liquibase's validation instead")
                .append(" of running anything twice.")
                .append(master == null ? " In a master changelog in this folder:\n\n```yaml\n  - include:\n      file: "
                        + yamlFile + "\n      relativeToChangelogFile: true\n```\n\n" : "\n\n")
                .append("Run them one stretch at a time: each application release is a boundary, and every changeset")
                .append(" that may run before a release carries the label `before-<version>`. Changesets marked")
                .append(" *no transaction* have `runInTransaction: false` (a statement that cannot run in a")
                .append(" transaction, or MySQL/MariaDB DDL, which commits anyway); such a step is one changeset per")
                .append(" statement (after its lock timeout), so that one that failed runs again without the ones before it. Every statement")
                .append(" that waits for a blocking lock comes right after its lock timeout: if it times out, the")
                .append(" changeset fails and `liquibase update` is simply run again.\n\n");
        int from = 0;
        int stretch = 1;
        for (Boundary b : boundaries) {
            out.append("## ").append(stretch++).append(". `liquibase update --label-filter=").append(b.label())
                    .append("`\n\n");
            from = appendChangesets(out, changesets, from, b.step());
            out.append("\n**Stop.** Deploy ").append(b.appVersion()).append(" everywhere (step ").append(b.step())
                    .append(", ").append(b.title()).append(") before running anything past this point.\n\n");
        }
        out.append("## ").append(stretch).append(". `liquibase update`\n\n");
        appendChangesets(out, changesets, from, Integer.MAX_VALUE);
        out.append("\nSpring Boot runs the changelog at start-up: set `spring.liquibase.label-filter` to the label of")
                .append(" the stretch the release may run (`").append(boundaries.isEmpty() ? "" : boundaries.get(0).label())
                .append("` for the first), and clear it once every release is out.\n\n")
                .append("A changeset with a precondition (*gate*) halts the update when its check does not hold (a")
                .append(" backfill not complete, rows a step cannot take): fix what the message names and run the")
                .append(" update again. The backfill changeset runs its batches in a procedure that commits after each")
                .append(" batch; run again after a failure, it skips the rows already right.\n\n")
                .append("Rollback: `liquibase rollback-count --count=N` runs each changeset's `rollback` (the plan's,")
                .append(" after the lock timeout). A changeset marked *irreversible* has none: Liquibase refuses to")
                .append(" roll back past it. The MySQL/MariaDB statements `strategist apply` runs only to repair an")
                .append(" interrupted swap window are left out: run in order, they have nothing to do.\n");
        return out.toString();
    }

    private static int appendChangesets(StringBuilder out, List<Changeset> changesets, int from, int beforeStep) {
        int i = from;
        for (; i < changesets.size() && changesets.get(i).step() < beforeStep; i++) {
            Changeset c = changesets.get(i);
            out.append("- `").append(c.id()).append("`: ").append(c.comment())
                    .append(c.transactional() ? "" : " (no transaction)")
                    .append(c.gates().isEmpty() ? "" : " (gate: " + c.gates().size() + " check"
                            + (c.gates().size() == 1 ? "" : "s") + ")")
                    .append(c.rollbackKind() == RollbackKind.NONE ? " (irreversible)" : "").append('\n');
        }
        if (i == from) {
            out.append("- (nothing)\n");
        }
        return i;
    }
}
