package dev.migrationstrategist.strategy;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.CreateIndex;
import dev.migrationstrategist.plan.Contribution;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.PlanContext;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.statement.Rendered;

import java.util.ArrayList;
import java.util.List;

/**
 * Create an index: already safe in its online form, so ONE step and no app release. PostgreSQL:
 * {@code CREATE INDEX CONCURRENTLY} outside a transaction; MySQL/MariaDB: {@code ALGORITHM=INPLACE, LOCK=NONE}.
 * A plain index goes in the expand; a unique one after any backfill, gated by a duplicate count.
 */
public final class CreateIndexStrategy implements ChangeStrategy {
    private final CreateIndex change;

    public CreateIndexStrategy(CreateIndex change) {
        this.change = change;
    }

    @Override
    public void validate(PlanContext ctx) {
        ctx.requireTable(change.table());
        ObjectChecks.requireColumns(ctx, change.table(), change.columns());
        ObjectChecks.requireFreeName(ctx, change.table(), change.name(), "create index " + change.name());
        Table table = ctx.requireTable(change.table());
        if (change.unique() && table.partitioning().partitioned() && table.partitioning().key() != null) {
            List<String> key = List.of(table.partitioning().key().split("\\s*,\\s*"));
            boolean plainKey = key.stream().allMatch(k -> k.matches("[A-Za-z_][A-Za-z0-9_$]*|\"[^\"]+\""));
            if (plainKey && !key.stream().allMatch(k -> change.columns().stream()
                    .anyMatch(c -> c.sameAs(Ident.of(k.replace("\"", "")))))) {
                throw StrategistException.invalid("create index " + change.name() + ": " + table.name()
                        + " is partitioned by (" + table.partitioning().key() + "); a unique index on it must"
                        + " include the partition key, which the server checks per partition");
            }
        }
        if (change.method() != null && !ctx.dialect().hasIndexMethod(change.method())) {
            throw StrategistException.invalid("create index " + change.name() + ": index method " + change.method()
                    + " is PostgreSQL's; " + ctx.dialect().displayName() + " has btree (and hash)");
        }
    }

    @Override
    public Contribution plan(PlanContext ctx) {
        Sql sql = new Sql(ctx.dialect());
        Ident t = ctx.requireTable(change.table()).name();
        Index index = change.index().withTable(t);
        String tn = t.name();
        String cols = change.keysText() + (index.where() != null ? ") WHERE " + index.where() + " (partial" : "");
        List<String> actions = new ArrayList<>();
        if (change.unique()) {
            actions.add("If the verify query finds duplicates, fix them first.");
        }
        String failure = sql.dialect().createIndexFailureAdvice(index.name(), change.unique());
        if (failure != null) {
            actions.add(failure);
        }
        Table table = ctx.requireTable(change.table());
        if (sql.dialect().indexesPartitionsSeparately() && table.partitioning().partitioned()) {
            return partitioned(ctx, sql, index, actions);
        }
        SchemaStep step = new SchemaStep(0, change.unique() ? Phase.CONSTRAIN : Phase.EXPAND, null, "create_index",
                tn, index.name().name(),
                List.of("Build " + (change.unique() ? "unique " : "") + "index `" + index.name() + "` on `" + tn + "` ("
                        + cols + ") " + sql.dialect().onlineIndexRoute()
                        + ": reads and writes go on while it builds. One step: an index changes no result an app"
                        + " version sees, so no release is needed."),
                List.of(sql.createIndexOnline(index)),
                sql.dialect().createIndexLock(tn),
                sql.dialect().onlineIndexBlocks(), false, actions, "index `" + index.name() + "` on `" + tn + "`",
                Rollback.withSql("safe: drops the new index", List.of(sql.dropIndexOnline(index))),
                change.unique() ? Verify.duplicates(sql, index) : null);
        return Contribution.builder().step(step).build();
    }

    /**
     * A partitioned table (PostgreSQL): it refuses {@code CREATE INDEX CONCURRENTLY}, and a plain {@code CREATE INDEX}
     * on it would hold SHARE on every partition for the whole build. So: the index {@code ON ONLY} the parent, each
     * partition's index concurrently, each attached; the parent index is valid once the last one is attached.
     */
    private Contribution partitioned(PlanContext ctx, Sql sql, Index index, List<String> actions) {
        Ident t = index.table();
        String tn = t.name();
        List<Table> leaves = PartitionTree.leaves(ctx.schema(), t);
        List<Rendered> statements = PartitionTree.buildIndex(ctx.schema(), index).stream().map(sql::r).toList();
        List<Rendered> rollback = PartitionTree.dropIndex(ctx.schema(), index).stream().map(sql::r).toList();
        List<String> notes = new ArrayList<>(actions);
        notes.add("A run that stops part-way resumes where it stopped: each partition's index is checked in the"
                + " catalog (built and valid, attached) before its statement runs.");
        SchemaStep step = new SchemaStep(0, change.unique() ? Phase.CONSTRAIN : Phase.EXPAND, null, "create_index",
                tn, index.name().name(),
                List.of("`" + tn + "` is partitioned (" + leaves.size() + " partition(s) holding rows): PostgreSQL"
                                + " refuses CREATE INDEX CONCURRENTLY on it, and a plain CREATE INDEX would block writes"
                                + " to every partition for the whole build.",
                        "So: `" + index.name() + "` is created ON ONLY `" + tn + "` (INVALID, no rows to scan), each"
                                + " partition's index is built concurrently, and each is attached with ALTER INDEX ..."
                                + " ATTACH PARTITION; with the last one attached `" + index.name() + "` is valid."),
                statements,
                "ON ONLY: SHARE on `" + tn + "` for the catalog change only (writes wait milliseconds); each"
                        + " partition: SHARE UPDATE EXCLUSIVE during its concurrent build (reads and writes go on);"
                        + " each ATTACH: ACCESS EXCLUSIVE on that partition's new index for milliseconds (writes to"
                        + " that partition wait that long). Measured on PostgreSQL 15.",
                false, false, notes, "index `" + index.name() + "` on `" + tn + "` and its " + leaves.size()
                + " partition(s)",
                Rollback.withSql("safe: drops the new index (DROP INDEX on a partitioned index takes ACCESS"
                        + " EXCLUSIVE on `" + tn + "` and every partition for the catalog change: queries on them wait"
                        + " that long; a partitioned index cannot be dropped concurrently), then any partition index"
                        + " built but not attached yet, concurrently", rollback),
                change.unique() ? Verify.duplicates(sql, index) : null);
        return Contribution.builder().step(step).build();
    }
}
