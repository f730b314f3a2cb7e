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
     * Exact name → first table of that name, and case-folded name → the one such table (null when several differ
     * only in case); null until the first lookup.
     */
    private Index index;

    private record Index(Map<Ident, Table> exact, Map<Ident, Optional<Table>> folded) {
    }

    private Tables(Table[] tables) {
        this.tables = tables;
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

    @Override
    public Table get(int i) {
        return tables[i];
    }

    @Override
    public int size() {
        return tables.length;
    }

    Optional<Table> find(Ident name) {
        Index i = index();
        Table t = i.exact().get(name);
        return t != null ? Optional.of(t) : i.folded().getOrDefault(folded(name), Optional.empty());
    }

    private Index index() {
        Index i = index;
        if (i == null) {
            Map<Ident, Table> exact = new HashMap<>();
            Map<Ident, Optional<Table>> folded = new HashMap<>();
            for (Table t : tables) {
                exact.putIfAbsent(t.name(), t);
                folded.merge(folded(t.name()), Optional.of(t), (a, b) -> Optional.empty());
            }
            i = new Index(Map.copyOf(exact), Map.copyOf(folded)); // immutable: safe to publish without a lock
            index = i;
        }
        return i;
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
