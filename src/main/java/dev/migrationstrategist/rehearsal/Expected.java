package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.schema.Ident;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last value each client wrote, per table, row and field (canonical spelling), and the rows clients inserted.
 * A client owns its rows, so the last successful write of a row is the one the database must hold.
 */
final class Expected {
    private final Map<String, Map<Long, Map<String, String>>> values = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> inserted = new ConcurrentHashMap<>();

    void wrote(Ident table, long id, Field field, String canonical) {
        values.computeIfAbsent(table.lower(), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(id, k -> new ConcurrentHashMap<>()).put(field.id(), canonical);
    }

    void inserted(Ident table, long id) {
        inserted.computeIfAbsent(table.lower(), k -> ConcurrentHashMap.newKeySet()).add(id);
    }

    /** The last value written to a field of a row, or null if no client wrote it. */
    String value(Ident table, long id, Field field) {
        Map<String, String> row = values.getOrDefault(table.lower(), Map.of()).get(id);
        return row == null ? null : row.get(field.id());
    }

    Map<Long, Map<String, String>> rows(Ident table) {
        return values.getOrDefault(table.lower(), Map.of());
    }

    Set<Long> insertedRows(Ident table) {
        return inserted.getOrDefault(table.lower(), Set.of());
    }

    boolean knows(Ident table, long id) {
        return rows(table).containsKey(id);
    }
}
