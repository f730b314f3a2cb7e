package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;

/** One {@code from TO to} of a {@link RenameTables}. */
public record TableRename(Ident from, Ident to) {
}
