package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;

import java.util.Objects;

/**
 * {@code column = expression} in an UPDATE's SET list.
 *
 * @param expression SQL as the dialect writes it (a column, a conversion), already quoted where it names columns
 */
public record Assignment(Ident column, String expression) {
    public Assignment {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(expression, "expression");
    }
}
