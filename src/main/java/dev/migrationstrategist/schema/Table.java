package dev.migrationstrategist.schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An immutable table: columns in order, constraints and indexes. Every change returns a new table. */
public record Table(Ident name, List<Column> columns, List<Constraint> constraints, List<Index> indexes,
                    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Partitioning.NoneFilter.class)
                    Partitioning partitioning,
                    @com.fasterxml.jackson.annotation.JsonIgnore TextEncoding encoding) {
    public Table {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
        indexes = List.copyOf(indexes);
        partitioning = partitioning == null ? Partitioning.NONE : partitioning;
    }

    /** A table whose text encoding the model does not know (PostgreSQL; MySQL/MariaDB where nothing says it). */
    public Table(Ident name, List<Column> columns, List<Constraint> constraints, List<Index> indexes,
                 Partitioning partitioning) {
        this(name, columns, constraints, indexes, partitioning, null);
    }

    /** A table that is neither partitioned nor a partition. */
    public Table(Ident name, List<Column> columns, List<Constraint> constraints, List<Index> indexes) {
        this(name, columns, constraints, indexes, Partitioning.NONE);
    }

    /** The same table with these columns, in this order. */
    public Table withColumns(List<Column> next) {
        return new Table(name, next, constraints, indexes, partitioning);
    }

    public Table withPartitioning(Partitioning value) {
        return new Table(name, columns, constraints, indexes, value, encoding);
    }

    /**
     * MySQL/MariaDB: the table's default character set and collation (what CONVERT TO changes and new columns take),
     * or null when unknown. Not part of the plan's JSON or fingerprint: only lint judges by it.
     */
    public Table withEncoding(TextEncoding value) {
        return new Table(name, columns, constraints, indexes, partitioning, value);
    }

    public static Table of(String name, Column... columns) {
        return new Table(Ident.of(name), List.of(columns), List.of(), List.of());
    }

    public Optional<Column> column(Ident column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst()
                .or(() -> columns.stream().filter(c -> c.name().sameAs(column)).findFirst());
    }

    public boolean hasColumn(Ident column) {
        return column(column).isPresent();
    }

    public Optional<Constraint.PrimaryKey> primaryKey() {
        return constraints.stream().filter(Constraint.PrimaryKey.class::isInstance)
                .map(Constraint.PrimaryKey.class::cast).findFirst();
    }

    /** Indexes that include the column. */
    public List<Index> indexesOn(Ident column) {
        return indexes.stream().filter(i -> i.covers(column)).toList();
    }

    /** Constraints other than the primary key that include the column. */
    public List<Constraint> constraintsOn(Ident column) {
        return constraints.stream().filter(c -> !(c instanceof Constraint.PrimaryKey)).filter(c -> c.covers(column))
                .toList();
    }

    public Table withColumn(Column column) {
        List<Column> next = new ArrayList<>(columns);
        next.add(column);
        return new Table(name, next, constraints, indexes, partitioning, encoding);
    }

    public Table replaceColumn(Ident existing, Column replacement) {
        List<Column> next = columns.stream().map(c -> c.name().sameAs(existing) ? replacement : c).toList();
        return new Table(name, next, constraints, indexes, partitioning, encoding);
    }

    /** Drops the column with the indexes and constraints that include it, as the database does. */
    public Table withoutColumn(Ident column) {
        return new Table(name,
                columns.stream().filter(c -> !c.name().sameAs(column)).toList(),
                constraints.stream().filter(c -> !c.covers(column)).toList(),
                indexes.stream().filter(i -> !i.covers(column)).toList(), partitioning, encoding);
    }

    /** Renames a column everywhere it is referenced inside this table. */
    public Table renameColumn(Ident from, Ident to) {
        return new Table(name,
                columns.stream().map(c -> c.name().sameAs(from) ? c.withName(to) : c).toList(),
                constraints.stream().map(c -> c.renameColumn(from, to)).toList(),
                indexes.stream().map(i -> i.renameColumn(from, to)).toList(),
                partitioning, encoding);
    }

    public Table withName(Ident newName) {
        return new Table(newName, columns, constraints, indexes.stream().map(i -> i.withTable(newName)).toList(),
                partitioning, encoding);
    }

    public Table withConstraint(Constraint constraint) {
        List<Constraint> next = new ArrayList<>(constraints);
        next.add(constraint);
        return new Table(name, columns, next, indexes, partitioning, encoding);
    }

    public Table withoutConstraint(Ident constraintName) {
        return new Table(name, columns,
                constraints.stream().filter(c -> c.name() == null || !c.name().sameAs(constraintName)).toList(),
                indexes, partitioning, encoding);
    }

    public Table withIndex(Index index) {
        List<Index> next = new ArrayList<>(indexes);
        next.add(index);
        return new Table(name, columns, constraints, next, partitioning, encoding);
    }

    public Table withoutIndex(Ident indexName) {
        return new Table(name, columns, constraints,
                indexes.stream().filter(i -> !i.name().sameAs(indexName)).toList(), partitioning, encoding);
    }
}
