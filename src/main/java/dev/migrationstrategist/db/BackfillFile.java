package dev.migrationstrategist.db;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.plan.BackfillStep;
import dev.migrationstrategist.plan.Rollback;
import dev.migrationstrategist.report.JsonReport;
import dev.migrationstrategist.statement.BackfillStatement;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.statement.BatchStatement;
import dev.migrationstrategist.statement.CopyBatch;
import dev.migrationstrategist.statement.CountRows;
import dev.migrationstrategist.statement.NextKey;
import dev.migrationstrategist.statement.RenderedBackfill;

import java.util.List;

/**
 * Reads a backfill step of a plan file back into its statements: the batch ({@code statements}, beside {@code sql}),
 * the next-key query ({@code next_key}, beside {@code next_key_sql}) and the remaining count ({@code remaining},
 * beside {@code verify_sql}). Each is rendered again by the plan's dialect and must be the text the file shows, as
 * for schema steps: a file whose backfill SQL was edited by hand is refused.
 */
final class BackfillFile {
    private BackfillFile() {
    }

    static BackfillStep step(JsonNode n, String where, Dialect dialect, int number, String title, List<String> bullets,
                             List<String> actions, Rollback rollback, dev.migrationstrategist.plan.Phase phase) {
        JsonNode sql = n.path("sql");
        if (sql.size() != 1 || !n.path("statements").isArray() || n.path("statements").size() != 1) {
            throw StrategistException.invalid(where + ": a backfill step needs one \"sql\" batch and its"
                    + " \"statements\" entry (a plan written by an older version of the tool, or edited by hand):"
                    + " plan again");
        }
        RenderedBackfill<BatchStatement> batch = read(n.path("statements").get(0), sql.get(0), BatchStatement.class,
                "the batch", where, dialect);
        RenderedBackfill<NextKey> nextKey = read(n.get("next_key"), n.get("next_key_sql"), NextKey.class,
                "next_key", where, dialect);
        RenderedBackfill<CountRows> remaining = read(n.get("remaining"), n.get("verify_sql"), CountRows.class,
                "remaining", where, dialect);
        String key = n.path("key_column").asText(null);
        if (!batch.statement().keyColumn().name().equals(key)) {
            throw StrategistException.invalid(where + ": \"key_column\" " + n.path("key_column") + " is not the key the"
                    + " batch ranges over (" + batch.statement().keyColumn() + ")");
        }
        List<Ident> partitions = partitions(n, where, dialect, batch.statement());
        try {
            return new BackfillStep(number, title, n.path("target_table").asText(), text(n, "details"), bullets,
                    n.path("query").asText(sql.get(0).asText()), batch, nextKey, remaining,
                    n.path("batch_size").asInt(10_000), actions, null, rollback, phase, partitions);
        } catch (IllegalArgumentException e) {
            throw StrategistException.invalid(where + ": " + e.getMessage());
        }
    }

    /**
     * The leaf partitions a per-partition backfill walks, in order; each one's SQL must be what the batch renders
     * when addressed to it. None: the batches walk the batch's own table.
     */
    private static List<Ident> partitions(JsonNode n, String where, Dialect dialect, BatchStatement batch) {
        JsonNode parts = n.path("partitions");
        if (parts.isMissingNode() || parts.isNull()) {
            return List.of();
        }
        if (!parts.isArray() || !(batch instanceof CopyBatch copy)) {
            throw StrategistException.invalid(where + ": \"partitions\" belongs to a copy batch, as a list of"
                    + " {table, sql}");
        }
        List<Ident> out = new java.util.ArrayList<>();
        for (JsonNode p : parts) {
            String table = p.path("table").asText(null);
            if (table == null || table.isEmpty()) {
                throw StrategistException.invalid(where + ": a partition without its \"table\"");
            }
            Ident id = Ident.of(table);
            String rendered = dialect.render(copy.onPartition(id));
            if (!rendered.equals(p.path("sql").asText())) {
                throw StrategistException.invalid(where + ": the SQL of the batch on partition " + table + " is not"
                        + " what its statement renders (edited by hand?): the statement runs `"
                        + CatalogProbe.firstLine(rendered) + "`; plan again instead of editing SQL");
            }
            out.add(id);
        }
        return out;
    }

    /** One statement and the text beside it: the statement, rendered again, must be that text. */
    private static <S extends BackfillStatement> RenderedBackfill<S> read(JsonNode data, JsonNode sql, Class<S> type,
                                                                         String what, String where, Dialect dialect) {
        if (data == null || !data.isObject() || sql == null || !sql.isTextual()) {
            throw StrategistException.invalid(where + ": a backfill step needs " + what + " as data beside its SQL"
                    + " (a plan written by an older version of the tool, or edited by hand): plan again");
        }
        BackfillStatement statement;
        try {
            statement = JsonReport.backfillStatement(data);
        } catch (Exception e) {
            throw StrategistException.invalid(where + ": " + what + " is not a known backfill statement ("
                    + Database.firstLine(e.getMessage()) + ")");
        }
        if (!type.isInstance(statement)) {
            throw StrategistException.invalid(where + ": " + what + " is a " + statement.kind() + " statement");
        }
        String rendered = dialect.render(statement);
        if (!rendered.equals(sql.asText())) {
            throw StrategistException.invalid(where + ": the SQL of " + what + " is not what its statement renders"
                    + " (edited by hand?): the file says `" + CatalogProbe.firstLine(sql.asText()) + "`, the statement"
                    + " runs `" + CatalogProbe.firstLine(rendered) + "`; plan again instead of editing SQL");
        }
        return new RenderedBackfill<>(type.cast(statement), rendered);
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}
