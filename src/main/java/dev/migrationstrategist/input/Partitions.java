package dev.migrationstrategist.input;

import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What PostgreSQL does to a partition when it is created or attached, so that DDL reads as the catalog shows it:
 * a partition created {@code PARTITION OF} a parent gets the parent's columns (types, defaults, NOT NULL), checks and
 * foreign keys, and its own primary key, unique constraints and indexes named as the server names them; a foreign key
 * added to a partitioned table, or held by the parent when a partition is attached, is a constraint of every
 * partition too (pg_dump writes it once, on the parent).
 */
final class Partitions {
    /** PostgreSQL's identifier length limit (NAMEDATALEN - 1). */
    private static final int MAX_NAME = 63;

    private Partitions() {
    }

    /** The partition {@code name} of {@code parent}, before its bound is known. */
    static Table partitionOf(Table parent, Ident name) {
        List<Constraint> constraints = new ArrayList<>();
        for (Constraint c : parent.constraints()) {
            if (c instanceof Constraint.PrimaryKey pk) {
                constraints.add(new Constraint.PrimaryKey(Ident.of(truncate(name.name() + "_pkey")), pk.columns()));
            } else if (c instanceof Constraint.Unique u) {
                constraints.add(new Constraint.Unique(Ident.of(serverName(name, u.columns(), "key")), u.columns()));
            } else {
                constraints.add(c);
            }
        }
        List<Index> indexes = new ArrayList<>();
        for (Index i : parent.indexes()) {
            indexes.add(i.withTable(name).withName(Ident.of(serverName(name, i.columns(), "idx"))));
        }
        List<Column> columns = new ArrayList<>(parent.columns());
        return new Table(name, columns, constraints, indexes);
    }

    /** {@code child} becomes a partition of {@code parent} with {@code bound}, taking the parent's foreign keys. */
    static Workspace attach(Workspace schema, Ident parent, Ident child, String bound) {
        Table p = schema.table(parent).orElseThrow();
        Table c = schema.table(child).orElseThrow();
        schema = schema.withTable(c.withPartitioning(c.partitioning().of(p.name(), bound)));
        for (Constraint k : p.constraints()) {
            if (k instanceof Constraint.ForeignKey fk) {
                schema = withForeignKey(schema, c.name(), fk);
            } else if (k instanceof Constraint.Check check && check.name() != null) {
                Table now = schema.table(child).orElseThrow();
                if (now.constraints().stream().noneMatch(x -> x.name() != null && x.name().sameAs(check.name()))) {
                    schema = schema.withTable(now.withConstraint(check));
                }
            }
        }
        return schema;
    }

    /** The foreign key {@code fk} of partitioned table {@code parent} held by each of its partitions, all levels. */
    static Workspace withForeignKeyOnPartitions(Workspace schema, Ident parent, Constraint.ForeignKey fk) {
        for (Table t : schema.tables()) {
            if (t.partitioning().isPartition() && t.partitioning().parent().sameAs(parent)) {
                schema = withForeignKey(schema, t.name(), fk);
            }
        }
        return schema;
    }

    private static Workspace withForeignKey(Workspace schema, Ident table, Constraint.ForeignKey fk) {
        Table t = schema.table(table).orElseThrow();
        boolean has = t.constraints().stream().anyMatch(k -> k instanceof Constraint.ForeignKey
                && (fk.name() == null ? k.columns().equals(fk.columns()) : k.name() != null && k.name().sameAs(fk.name())));
        if (!has) {
            schema = schema.withTable(t.withConstraint(fk));
        }
        return withForeignKeyOnPartitions(schema, table, fk);
    }

    /** Runs of white space as one space, outside string literals: a bound as one line. */
    static String spaced(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        boolean inString = false;
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\'') {
                inString = !inString;
            }
            if (!inString && Character.isWhitespace(ch)) {
                space = true;
                continue;
            }
            if (space && !sb.isEmpty()) {
                sb.append(' ');
            }
            space = false;
            sb.append(ch);
        }
        return sb.toString();
    }

    /** PostgreSQL's name for an index it makes: table, columns ({@code expr} for an expression), suffix. */
    private static String serverName(Ident table, List<Ident> columns, String suffix) {
        String cols = columns.isEmpty() ? "expr" : columns.stream().map(Ident::name).collect(Collectors.joining("_"));
        return truncate(table.name() + "_" + cols + "_" + suffix);
    }

    private static String truncate(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }
}
