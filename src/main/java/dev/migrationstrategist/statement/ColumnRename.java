package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;

/** One {@code RENAME COLUMN from TO to} of a {@link RenameColumns}. */
public record ColumnRename(Ident from, Ident to) {
}
