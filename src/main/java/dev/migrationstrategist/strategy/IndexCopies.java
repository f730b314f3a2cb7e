package dev.migrationstrategist.strategy;

import dev.migrationstrategist.change.StateAfter;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.dialect.TypeChanges;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.IndexKey;
import dev.migrationstrategist.schema.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * Exact copies of the indexes on a column that a plan replaces with a new one (rename and type change through a
 * new column): every index that refers to the old column anywhere (key, key expression, INCLUDE, predicate) gets a
 * copy on the new column with everything else kept (method, operator classes, collations, order, NULLS order,
 * INCLUDE, predicate, uniqueness, NULLS NOT DISTINCT, storage parameters, prefix lengths, visibility), its
 * expressions and predicate rewritten token by token ({@link Index#renameColumn}). An index no copy can be made of
 * is a planning error naming it, never left out.
 */
final class IndexCopies {
    private IndexCopies() {
    }

    /** One index on the old column and its copy. */
    record Copy(Index original, Index copy) {
    }

    /** The copies of every index on {@code from} in {@code table}, for the new column {@code to}. */
    static List<Copy> of(Table table, Ident from, Ident to, String what) {
        return of(table, from, to, null, null, what);
    }

    /**
     * The copies for a new column {@code to} of type {@code newType} replacing {@code from} of {@code oldType} (a
     * type change): also refuses a copy whose key on the column keeps what only fits the old type, a prefix length
     * on a type that is no string, an operator class or collation across type families.
     */
    static List<Copy> of(Table table, Ident from, Ident to, DataType oldType, DataType newType, String what) {
        List<Copy> out = new ArrayList<>();
        for (Index index : table.indexesOn(from)) {
            requireCopyable(table, index, from, what);
            if (newType != null) {
                requireFitsNewType(table, index, from, oldType, newType, what);
            }
            out.add(new Copy(index, StateAfter.renamedIndex(index, from, to)));
        }
        return out;
    }

    private static void requireFitsNewType(Table table, Index index, Ident column, DataType oldType,
                                           DataType newType, String what) {
        boolean sameFamily = TypeChanges.family(oldType) == TypeChanges.family(newType)
                && TypeChanges.family(newType) != TypeChanges.Family.OTHER;
        for (IndexKey k : index.elements()) {
            if (k.column() == null || !k.column().sameAs(column)) {
                continue;
            }
            String keeps = k.prefixLength() != null && TypeChanges.family(newType) != TypeChanges.Family.STRING
                    ? "a prefix length (" + k.prefixLength() + ")"
                    : k.opclass() != null && !sameFamily ? "operator class " + k.opclass()
                    : k.collation() != null && !sameFamily ? "collation " + k.collation() : null;
            if (keeps != null) {
                throw StrategistException.invalid(what + ": index " + index.name() + " on " + table.name()
                        + " gives " + column + " " + keeps + ", which does not carry over from " + oldType + " to "
                        + newType + "; drop the index first and create the one the new type needs after the change");
            }
        }
    }

    /**
     * Refuses an index whose copy would not be the same index: one that refers to the whole row (the table's name
     * in an expression or the predicate), which the column rename cannot rewrite.
     */
    private static void requireCopyable(Table table, Index index, Ident from, String what) {
        List<String> texts = new ArrayList<>();
        index.elements().stream().map(IndexKey::expression).filter(java.util.Objects::nonNull).forEach(texts::add);
        if (index.where() != null) {
            texts.add(index.where());
        }
        for (String text : texts) {
            if (!table.hasColumn(table.name()) && dev.migrationstrategist.schema.ExpressionTokens.of(text).mentions(table.name())) {
                throw StrategistException.invalid(what + ": index " + index.name() + " on " + table.name()
                        + " refers to the whole row (" + text + "), so no copy of it for the new column can be"
                        + " made; drop it first and create it again after the change");
            }
        }
    }

    /**
     * The CONSTRAIN step that builds {@code copy} online (CONCURRENTLY on PostgreSQL), with its rollback. On a
     * partitioned PostgreSQL table, which refuses CONCURRENTLY: ON ONLY the parent, each partition's index
     * concurrently, each attached ({@link PartitionTree}).
     */
    static SchemaStep step(dev.migrationstrategist.plan.PlanContext ctx, Sql sql, Ident table, Index copy,
                           String bullet, String stateAfter) {
        boolean partitioned = ctx.schema().table(table).map(x -> x.partitioning().partitioned()).orElse(false);
        if (partitioned) {
            int leaves = PartitionTree.leaves(ctx.schema(), table).size();
            return ColumnSteps.step(Phase.CONSTRAIN, "create_index", table, copy.name().name(), List.of(bullet,
                            "`" + table + "` is partitioned (" + leaves + " partition(s) holding rows), and PostgreSQL"
                                    + " refuses CREATE INDEX CONCURRENTLY on it: `" + copy.name() + "` is created ON"
                                    + " ONLY `" + table + "`, each partition's index is built concurrently and"
                                    + " attached; with the last one attached it is valid."),
                    PartitionTree.buildIndex(ctx.schema(), copy).stream().map(sql::r).toList(),
                    "ON ONLY: SHARE on `" + table + "` for the catalog change only (writes wait milliseconds); each"
                            + " partition: SHARE UPDATE EXCLUSIVE during its concurrent build (reads and writes go"
                            + " on); each ATTACH: ACCESS EXCLUSIVE on that partition's new index for milliseconds",
                    false, false, List.of("A run that stops part-way resumes where it stopped: each partition's"
                            + " index is checked in the catalog before its statement runs."), stateAfter,
                    Rollback.withSql("drop the new index (a partitioned index cannot be dropped concurrently: ACCESS"
                            + " EXCLUSIVE on `" + table + "` and its partitions for the catalog change), then any"
                            + " partition index built but not attached yet, concurrently",
                            PartitionTree.dropIndex(ctx.schema(), copy).stream().map(sql::r).toList()));
        }
        return ColumnSteps.step(Phase.CONSTRAIN, "create_index", table, copy.name().name(), List.of(bullet),
                List.of(sql.createIndexOnline(copy)), sql.dialect().indexCopyLock(copy),
                sql.dialect().onlineIndexBlocks(), false, List.of(), stateAfter,
                Rollback.withSql("drop the new index", List.of(sql.dropIndexOnline(copy))));
    }
}
