package dev.migrationstrategist.schema;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * The immutable table list of a {@link Schema}, which also finds a table by name in constant time (a schema of
 * thousands of tables is searched once per table by {@code SchemaDiff} and the planners). Lookup rules are
 * {@link Schema#table}'s: the table of exactly that schema and name, else the one table of that schema whose name
 * {@link Ident#sameAs} it (none when two differ only in case: {@code Orders} and {@code orders} are both kept and
 * only their exact names find them). The index is built on the first lookup; as a list it is an ordinary unmodifiable one
 * (equals, hashCode and toString of {@link java.util.List}).
 */
final class Tables extends AbstractList<Table> implements RandomAccess {
    private static final Tables EMPTY = new Tables(new Table[0]);

    private final Table[] tables;
    /**
     * Exact name → position of the first table of that name, and case-folded name → position of the one such table
     * (-1 when several differ only in case); null until the first lookup. Positions, not tables: a table replaced by
     * one of the same name at the same place ({@link #replacing}, every ALTER of a lint run) keeps the index as it
     * is, and a table appended copies it, so a run of thousands of changes does not fold every name after each one.
     * Never changed once built, and published through the record's final fields: safe to share without a lock.
     */
    private Index index;

    private record Index(Map<Ident, Integer> exact, Map<Ident, Integer> folded) {
    }

    private Tables(Table[] tables) {
        this(tables, null);
    }

    private Tables(Table[] tables, Index index) {
        this.tables = tables;
        this.index = index;
    }

    /** {@code list} itself when it is one already, else an immutable copy (null elements refused, as List.copyOf). */
    static Tables of(List<Table> list) {
        if (list instanceof Tables t) {
            return t;
        }
        if (list.isEmpty()) {
            return EMPTY;
        }
        Table[] copy = list.toArray(new Table[0]);
        for (Table t : copy) {
            Objects.requireNonNull(t);
        }
        return new Tables(copy);
    }

    /** These tables with the one at {@code position} replaced by {@code table}. */
    Tables replacing(int position, Table table) {
        Objects.requireNonNull(table);
        Table[] copy = tables.clone();
        copy[position] = table;
        return new Tables(copy, table.name().equals(tables[position].name()) ? index : null);
    }

    /** These tables with {@code table} appended. */
    Tables appending(Table table) {
        Objects.requireNonNull(table);
        Table[] copy = java.util.Arrays.copyOf(tables, tables.length + 1);
        copy[tables.length] = table;
        Index i = index;
        if (i == null) {
            return new Tables(copy);
        }
        Map<Ident, Integer> exact = new HashMap<>(i.exact());
        Map<Ident, Integer> folded = new HashMap<>(i.folded());
        add(exact, folded, table, tables.length);
        return new Tables(copy, new Index(exact, folded));
    }

    @Override
    public Table get(int i) {
        return tables[i];
    }

    @Override
    public int size() {
        return tables.length;
    }

    Optional<Table> find(Ident name) {
        int at = position(name);
        return at < 0 ? Optional.empty() : Optional.of(tables[at]);
    }

    /** The position of the table {@link #find} finds, or -1. */
    int position(Ident name) {
        Index i = index();
        Integer at = i.exact().get(name);
        if (at == null) {
            at = i.folded().get(folded(name));
        }
        return at == null ? -1 : at;
    }

    private Index index() {
        Index i = index;
        if (i == null) {
            Map<Ident, Integer> exact = new HashMap<>();
            Map<Ident, Integer> folded = new HashMap<>();
            for (int p = 0; p < tables.length; p++) {
                add(exact, folded, tables[p], p);
            }
            i = new Index(exact, folded);
            index = i;
        }
        return i;
    }

    private static void add(Map<Ident, Integer> exact, Map<Ident, Integer> folded, Table t, int position) {
        exact.putIfAbsent(t.name(), position);
        folded.merge(folded(t.name()), position, (a, b) -> -1);
    }

    private static Ident folded(Ident name) {
        return new Ident(fold(name.name()), name.schema());
    }

    /**
     * A key on which two names are equal exactly when {@link String#equalsIgnoreCase} holds between them: each code
     * point upper-cased, then lower-cased, as that comparison does it.
     */
    static String fold(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> out.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c))));
        return out.toString();
    }
}
