package dev.migrationstrategist.report;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.plan.AppReleaseStep;
import dev.migrationstrategist.plan.BackfillStep;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.statement.BatchStatement;
import dev.migrationstrategist.statement.Guarded;
import dev.migrationstrategist.statement.KeyParameters;
import dev.migrationstrategist.statement.LockTables;
import dev.migrationstrategist.statement.Rendered;
import dev.migrationstrategist.statement.SetForeignKeyChecks;
import dev.migrationstrategist.statement.SetLockTimeout;
import dev.migrationstrategist.statement.Statement;
import dev.migrationstrategist.statement.UnlockTables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plan as Flyway versioned migrations, one or more per database step, in the plan's order:
 * <ul>
 *   <li>a step that runs as one transaction is one migration (Flyway wraps it in a transaction);</li>
 *   <li>a step that cannot ({@code CONCURRENTLY}, MySQL/MariaDB DDL, PostgreSQL steps that commit each statement) is
 *       one migration per statement, each with {@code executeInTransaction=false} in its {@code .sql.conf}, the
 *       session settings before a statement (the lock timeout) repeated in its migration, and a
 *       {@code LOCK TABLES ... UNLOCK TABLES} window kept whole;</li>
 *   <li>a backfill is a procedure that runs the plan's keyset batches with a commit after each (no lock held across
 *       batches; idempotent, since each batch skips rows already right), called and dropped in a migration outside a
 *       transaction;</li>
 *   <li>a step with a verification query, and every contract after a backfill, is preceded by a gate: a migration
 *       that fails unless the count is 0;</li>
 *   <li>an application release is a boundary: no migration, and the folder's README says which version to deploy
 *       before migrating past it ({@code flyway -target}).</li>
 * </ul>
 * Every migration holds the plan's statements as the plan renders them (and the lock timeout before each blocking
 * one); only the procedure and gate wrappers are added, by {@link ScriptSyntax}.
 */
public final class FlywayExport {
    /** One Flyway migration: {@code V<version>__<description>.sql}, with a {@code .conf} when not transactional. */
    public record Migration(int version, String description, String sql, boolean transactional, int step) {
        public Migration withSql(String newSql) {
            return new Migration(version, description, newSql, transactional, step);
        }

        public String fileName() {
            return "V" + version + "__" + description + ".sql";
        }

        /** Flyway's script configuration file for a migration that must not run in a transaction, else null. */
        public String confFileName() {
            return transactional ? null : fileName() + ".conf";
        }
    }

    /** Deploy {@code appVersion} everywhere before migrating to {@code firstVersionAfter} or later. */
    public record Boundary(int step, String appVersion, String title, int lastVersionBefore, int firstVersionAfter) {
    }

    private final Plan plan;
    private final Dialect dialect;
    private final ScriptSyntax syntax;

    public FlywayExport(Plan plan) {
        this.plan = plan;
        this.dialect = plan.dialect();
        this.syntax = ScriptSyntax.of(dialect);
    }

    /** The migrations, numbered from {@code firstVersion}. */
    public List<Migration> migrations(int firstVersion) {
        return build(firstVersion).migrations;
    }

    /** The release boundaries between the migrations numbered from {@code firstVersion}. */
    public List<Boundary> boundaries(int firstVersion) {
        return build(firstVersion).boundaries;
    }

    private record Built(List<Migration> migrations, List<Boundary> boundaries) {
    }

    private Built build(int firstVersion) {
        List<Migration> out = new ArrayList<>();
        List<Boundary> boundaries = new ArrayList<>();
        int[] version = {firstVersion};
        boolean backfilled = false;
        List<BackfillStep> backfills = new ArrayList<>();
        String lastRelease = null;
        for (Step s : plan.steps()) {
            String base = slug(s.phase().jsonName() + "_step" + s.number() + "_" + (s.action() == null ? "" : s.action())
                    + "_" + (s.targetTable() == null ? "" : s.targetTable()));
            if (s instanceof AppReleaseStep app) {
                boundaries.add(new Boundary(app.number(), app.appVersion(), app.title(), version[0] - 1, version[0]));
                lastRelease = app.appVersion();
            } else if (s instanceof BackfillStep b) {
                out.add(new Migration(version[0]++, base, syntax.file(backfill(b)), false, b.number()));
                backfills.add(b);
                backfilled = true;
            } else if (s instanceof SchemaStep schema) {
                if (schema.phase() == Phase.CONTRACT && backfilled) {
                    for (BackfillStep b : backfills) {
                        out.add(new Migration(version[0]++, slug("gate_before_step" + s.number() + "_backfill_step"
                                + b.number() + "_complete"), syntax.file(syntax.gate("strategist_gate_backfill_step" + b.number(),
                                b.remainingSql(), "step " + b.number() + " backfill is not complete: "
                                        + b.remainingSql() + " must return 0")), false, s.number()));
                    }
                    backfilled = false;
                }
                if (schema.verifySql() != null) {
                    out.add(new Migration(version[0]++, slug("gate_before_step" + s.number()),
                            syntax.file(syntax.gate("strategist_gate_step" + s.number(), schema.verifySql(),
                                    "step " + s.number() + " cannot run: " + schema.verifySql() + " must return 0")),
                            false, s.number()));
                }
                List<Migration> stepMigrations = new ArrayList<>();
                if (schema.transactional()) {
                    stepMigrations.add(new Migration(version[0]++, base,
                            syntax.file(Rendered.sql(forward(schema.statements()))), true, s.number()));
                } else {
                    List<List<Rendered>> groups = groups(forward(schema.statements()));
                    for (int i = 0; i < groups.size(); i++) {
                        stepMigrations.add(new Migration(version[0]++, groups.size() == 1 ? base
                                : base + "_" + (i + 1), syntax.file(Rendered.sql(groups.get(i))), false, s.number()));
                    }
                }
                String reason = schema.phase() == Phase.CONTRACT && lastRelease != null
                        ? "contract step " + s.number() + " of the plan: runs only once " + lastRelease + " is"
                        + " deployed everywhere and the version before it retired (README-strategist.md); that"
                        + " release no longer uses what it drops"
                        : "step " + s.number() + " of the plan, judged against State A when it was planned (lock: "
                        + schema.lock() + "); lint reads this file without the state the earlier files lead to";
                for (Migration m : stepMigrations) {
                    out.add(m.withSql(PlannedStepSuppressions.annotate(m.sql(), m.fileName(), dialect, reason)));
                }
            }
        }
        return new Built(out, boundaries);
    }

    /**
     * The statements a forward run executes: without the {@link Guarded} ones, which {@code apply} runs only to
     * repair an interrupted swap window (re-creating the old layout's triggers, re-syncing the columns) and which,
     * run in order after the migrations before them, have nothing to do.
     */
    static List<Rendered> forward(List<Rendered> statements) {
        return statements.stream().filter(r -> !(r.statement() instanceof Guarded)).toList();
    }

    /**
     * A non-transactional step's statements in units that each run on their own: session settings (the lock timeout,
     * foreign_key_checks) with the statement they precede, repeated for every later statement they still govern; a
     * {@code LOCK TABLES ... UNLOCK TABLES} window whole.
     */
    static List<List<Rendered>> groups(List<Rendered> statements) {
        List<List<Rendered>> out = new ArrayList<>();
        List<Rendered> settings = new ArrayList<>();
        List<Rendered> window = null;
        for (Rendered r : statements) {
            Statement st = r.statement();
            if (window != null) {
                window.add(r);
                if (st instanceof UnlockTables) {
                    out.add(window);
                    window = null;
                }
            } else if (st instanceof SetLockTimeout || st instanceof SetForeignKeyChecks) {
                settings.removeIf(prior -> prior.statement().getClass() == st.getClass());
                settings.add(r);
            } else if (st instanceof LockTables) {
                window = new ArrayList<>(settings);
                window.add(r);
            } else {
                List<Rendered> unit = new ArrayList<>(settings);
                unit.add(r);
                out.add(unit);
            }
        }
        if (window != null) {
            out.add(window);
        }
        return out;
    }

    /** The backfill as a procedure over the plan's own batch and next-key statements, then its call and drop. */
    private List<String> backfill(BackfillStep b) {
        BatchStatement batch = b.batch().statement();
        if (batch.keyColumns().size() > 1) {
            throw dev.migrationstrategist.error.StrategistException.invalid("--emit flyway: the backfill of step "
                    + b.number() + " ranges over the composite key " + batch.keyColumns() + " of "
                    + batch.rangeTable() + ", which the exported procedure cannot keep as its cursor; run that plan"
                    + " with strategist apply");
        }
        KeyParameters first = KeyParameters.variables(ScriptSyntax.VARIABLES, true);
        KeyParameters later = KeyParameters.variables(ScriptSyntax.VARIABLES, false);
        List<String> statements = new ArrayList<>();
        statements.add(dialect.render(new SetLockTimeout(plan.options().lockTimeout())));
        statements.addAll(syntax.backfill("strategist_backfill_step" + b.number(), keyType(batch), b.batchSize(),
                dialect.render(batch.minKey()),
                dialect.render(b.nextKey().statement(), first), dialect.render(b.nextKey().statement(), later),
                dialect.render(batch, first), dialect.render(batch, later)));
        return statements;
    }

    /** The key column's type in State A: the procedure's variables hold keys. */
    private String keyType(BatchStatement batch) {
        return keyType(plan, batch);
    }

    static String keyType(Plan plan, BatchStatement batch) {
        Ident table = batch.rangeTable();
        Ident key = batch.keyColumn();
        return plan.before() == null ? "bigint" : plan.before().table(table).flatMap(t -> t.column(key))
                .map(Column::type).map(t -> t.text()).orElse("bigint");
    }

    /** The folder's README: what each migration does and what to deploy before migrating past each boundary. */
    public String readme(int firstVersion) {
        Built built = build(firstVersion);
        StringBuilder out = new StringBuilder("# Migrations exported by Migration Strategist\n\n");
        out.append("Changes: ").append(String.join("; ", plan.changes().stream()
                        .map(c -> c.kind() + " " + c.fields()).toList()))
                .append("\nDialect: ").append(dialect.name()).append(' ').append(dialect.versionLabel())
                .append(".\n\nRun them with Flyway, one stretch at a time: each application release below is a boundary,"
                        + " and `flyway migrate -target=N` stops there. Migrations marked *no transaction* carry"
                        + " `executeInTransaction=false` in their `.sql.conf`. Every statement that waits for a blocking"
                        + " lock comes right after its lock timeout; if it times out, the migration fails and is run"
                        + " again (`flyway repair` first for a failed non-transactional migration). The statements"
                        + " `strategist apply` runs only to repair an interrupted MySQL/MariaDB swap window are left"
                        + " out: in order, after the migrations before them, they have nothing to do.\n\n"
                        + (plan.steps().stream().anyMatch(FlywayExport::concurrently)
                        ? "PostgreSQL: set `flyway.postgresql.transactional.lock=false` (or"
                        + " `FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK=false`): with Flyway's default lock, held in an open"
                        + " transaction, `CREATE INDEX CONCURRENTLY` waits for that transaction forever.\n\n" : ""));
        int next = 0;
        for (Boundary boundary : built.boundaries) {
            appendMigrations(out, built.migrations, next, boundary.lastVersionBefore());
            out.append("\n**Stop: `flyway migrate -target=").append(boundary.lastVersionBefore())
                    .append("`.** Deploy ").append(boundary.appVersion()).append(" everywhere (step ")
                    .append(boundary.step()).append(", ").append(boundary.title()).append(") before migrating to V")
                    .append(boundary.firstVersionAfter()).append(" or later.\n\n");
            next = boundary.firstVersionAfter();
        }
        appendMigrations(out, built.migrations, next, Integer.MAX_VALUE);
        out.append("\nA `gate_*` migration fails when its check does not hold (a backfill not complete, rows a step"
                + " cannot take): fix what it names, `flyway repair`, and migrate again. A `backfill` migration runs"
                + " the batches in a procedure that commits after each batch; run again after a failure, it skips the"
                + " rows already copied.\n");
        return out.toString();
    }

    private static void appendMigrations(StringBuilder out, List<Migration> migrations, int from, int to) {
        for (Migration m : migrations) {
            if (m.version() >= from && m.version() <= to) {
                out.append("- `").append(m.fileName()).append("`: step ").append(m.step())
                        .append(m.transactional() ? "" : " (no transaction)").append('\n');
            }
        }
    }

    /** A database step with a statement that cannot run in a transaction on PostgreSQL (CONCURRENTLY). */
    private static boolean concurrently(Step s) {
        return s instanceof SchemaStep schema && !schema.transactional()
                && schema.statements().stream().anyMatch(r -> !r.statement().transactional());
    }

    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return s.length() <= 80 ? s : s.substring(0, 80);
    }
}
