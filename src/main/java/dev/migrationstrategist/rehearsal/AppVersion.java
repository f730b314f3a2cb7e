package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.schema.Ident;

import java.util.List;
import java.util.Map;

/**
 * What one application version reads and writes, per table of the simulated traffic.
 *
 * @param retriesOnResultTypeChange the version re-prepares once when PostgreSQL says {@code cached plan must not
 *                                  change result type} (SQLSTATE 0A000), as a plan's type-change release tells it to
 */
record AppVersion(String name, Map<String, Shape> tables, boolean retriesOnResultTypeChange) {
    AppVersion {
        tables = Map.copyOf(tables);
    }

    /** A column as a version uses it, and the field whose value it carries. */
    record Use(Ident column, Field field) {
    }

    /** One table as the version sees it. */
    record Shape(Ident table, Field key, List<Use> reads, List<Use> writes) {
        Shape {
            reads = List.copyOf(reads);
            writes = List.copyOf(writes);
        }

        List<Use> updates() {
            return writes.stream().filter(u -> u.field().updatable()).toList();
        }
    }

    Shape shape(Ident table) {
        return tables.get(table.lower());
    }
}
