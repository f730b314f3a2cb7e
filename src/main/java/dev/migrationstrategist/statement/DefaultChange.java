package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;

/**
 * One default change of a {@link ColumnDefaults}.
 *
 * @param expression the new default as SQL, or null for {@code DROP DEFAULT}
 */
public record DefaultChange(Ident column, String expression) {
}
