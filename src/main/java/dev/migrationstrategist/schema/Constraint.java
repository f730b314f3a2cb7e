package dev.migrationstrategist.schema;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/** A table constraint. A closed family: primary key, unique, check, foreign key. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Constraint.PrimaryKey.class, name = "primary_key"),
        @JsonSubTypes.Type(value = Constraint.Unique.class, name = "unique"),
        @JsonSubTypes.Type(value = Constraint.Check.class, name = "check"),
        @JsonSubTypes.Type(value = Constraint.ForeignKey.class, name = "foreign_key")
})
public sealed interface Constraint
        permits Constraint.PrimaryKey, Constraint.Unique, Constraint.Check, Constraint.ForeignKey {

    /** The constraint name, or null where the DDL left it to the server. */
    Ident name();

    /** The columns it is defined on (for a check: empty unless known). */
    List<Ident> columns();

    /** False for a PostgreSQL constraint added NOT VALID and not validated yet. */
    boolean valid();

    default boolean covers(Ident column) {
        return columns().stream().anyMatch(c -> c.sameAs(column));
    }

    Constraint renameColumn(Ident from, Ident to);

    static List<Ident> rename(List<Ident> columns, Ident from, Ident to) {
        return columns.stream().map(c -> c.sameAs(from) ? to : c).toList();
    }

    record PrimaryKey(Ident name, List<Ident> columns) implements Constraint {
        public PrimaryKey {
            columns = List.copyOf(columns);
        }

        @Override
        public boolean valid() {
            return true;
        }

        @Override
        public Constraint renameColumn(Ident from, Ident to) {
            return new PrimaryKey(name, Constraint.rename(columns, from, to));
        }
    }

    record Unique(Ident name, List<Ident> columns) implements Constraint {
        public Unique {
            columns = List.copyOf(columns);
        }

        @Override
        public boolean valid() {
            return true;
        }

        @Override
        public Constraint renameColumn(Ident from, Ident to) {
            return new Unique(name, Constraint.rename(columns, from, to));
        }
    }

    /** A CHECK constraint; {@code expression} is the parsed SQL text of its condition. */
    record Check(Ident name, String expression, List<Ident> columns, boolean valid) implements Constraint {
        public Check {
            columns = List.copyOf(columns);
        }

        /** The same check with {@code from} renamed in its columns and, token by token, in its expression. */
        @Override
        public Check renameColumn(Ident from, Ident to) {
            return new Check(name, ExpressionTokens.rename(expression, from, to,
                    ExpressionTokens.modelQuote(java.util.stream.Stream.of(expression))),
                    Constraint.rename(columns, from, to), valid);
        }

        public Check withName(Ident newName) {
            return new Check(newName, expression, columns, valid);
        }
    }

    record ForeignKey(Ident name, List<Ident> columns, Ident referencedTable, List<Ident> referencedColumns,
                      String onDelete, String onUpdate, boolean valid) implements Constraint {
        public ForeignKey {
            columns = List.copyOf(columns);
            referencedColumns = List.copyOf(referencedColumns);
        }

        @Override
        public Constraint renameColumn(Ident from, Ident to) {
            return new ForeignKey(name, Constraint.rename(columns, from, to), referencedTable, referencedColumns,
                    onDelete, onUpdate, valid);
        }
    }
}
