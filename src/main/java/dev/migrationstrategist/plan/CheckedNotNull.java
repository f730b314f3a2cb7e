package dev.migrationstrategist.plan;

import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;

import java.util.List;
import java.util.Objects;

/**
 * A NOT NULL that the plan enforces with a valid {@code CHECK (column IS NOT NULL)} instead of the column's own flag
 * (PostgreSQL before 12, where SET NOT NULL always scans under ACCESS EXCLUSIVE): in State B the column stays
 * nullable in the catalog and the check is there.
 *
 * @param column the column's name in State B
 */
public record CheckedNotNull(Ident table, Ident column, Ident check) {
    public CheckedNotNull {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(check, "check");
    }

    /** State B as the catalog holds it: the column nullable, the check valid. */
    public Schema applyTo(Schema schema) {
        return schema.table(table).flatMap(t -> t.column(column).map(c -> schema.withTable(
                        t.replaceColumn(column, c.withNullable(true)).withConstraint(new Constraint.Check(check,
                                c.name().name() + " IS NOT NULL", List.of(c.name()), true)))))
                .orElse(schema);
    }

    /** The same for a column that still has another name while the plan runs. */
    public CheckedNotNull as(Ident finalColumn) {
        return new CheckedNotNull(table, finalColumn, check);
    }

}
