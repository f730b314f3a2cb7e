package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.DomainType;
import dev.migrationstrategist.schema.EnumType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.strategy.CreateTableStrategy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Creates State A in a scratch namespace and fills every table with {@code rows} synthetic rows: parents before
 * children, each column a plausible value of its type (ids 1..rows for the key, one value per row for UNIQUE
 * columns, a parent's key for a foreign key), inserted in batches. CHECK constraints are not read: a row that
 * violates one stops the rehearsal with the server's message.
 */
final class DataGenerator {
    static final int BATCH = 1_000;

    private final Schema schema;
    private final Dialect dialect;
    private final java.util.Map<String, Ident> parents;

    DataGenerator(Schema schema, Dialect dialect) {
        this(schema, dialect, java.util.Map.of());
    }

    /** @param parents the foreign keys the plan adds (see {@link Field#addedParents}): their columns hold parent keys */
    DataGenerator(Schema schema, Dialect dialect, java.util.Map<String, Ident> parents) {
        this.schema = forScratch(schema);
        this.dialect = dialect;
        this.parents = parents;
    }

    /**
     * State A as the scratch namespace holds it: the scratch is one schema, so a column declared with a
     * schema-qualified domain or enum type ({@code public.year}, as pg_dump writes it) uses the type of the same name
     * there, and a default drawing from a qualified sequence ({@code nextval('public.film_film_id_seq'::regclass)})
     * draws from the scratch's sequence of that name. Everything else is as given.
     */
    static Schema forScratch(Schema schema) {
        Set<String> types = new java.util.HashSet<>();
        schema.domains().forEach(d -> types.add(d.name().lower()));
        schema.enums().forEach(e -> types.add(e.name().lower()));
        Schema out = schema;
        for (Table t : schema.tables()) {
            Table mapped = t;
            for (Column c : t.columns()) {
                Column m = c;
                String base = c.type().base();
                int dot = base.lastIndexOf('.');
                if (dot > 0 && !c.type().array() && types.contains(unquoted(base.substring(dot + 1)).toLowerCase(
                        java.util.Locale.ROOT))) {
                    m = m.withType(dev.migrationstrategist.schema.DataType.parse(base.substring(dot + 1)));
                }
                java.util.regex.Matcher seq = c.defaultValue().map(d -> NEXTVAL.matcher(d.trim())).orElse(null);
                if (seq != null && seq.matches() && seq.group(1).contains(".")) {
                    String name = seq.group(1);
                    m = m.withDefault("nextval('" + name.substring(name.lastIndexOf('.') + 1) + "'::regclass)");
                }
                if (m != c) {
                    mapped = mapped.replaceColumn(c.name(), m);
                }
            }
            if (mapped != t) {
                out = out.withTable(mapped);
            }
        }
        return out;
    }

    private static String unquoted(String name) {
        return name.startsWith("\"") && name.endsWith("\"") ? name.substring(1, name.length() - 1) : name;
    }

    /** Refuses (exit 2) what the generator cannot do, before anything is created. */
    void check() {
        for (Table t : schema.tables()) {
            for (Column c : t.columns()) {
                Field f = Field.of(schema, t, c, dialect, parents);
                if (!f.type().supported() && !c.nullable() && c.defaultValue().isEmpty() && !filledByCast(c)) {
                    throw StrategistException.invalid("rehearse: " + t.name() + "." + c.name() + " " + c.type()
                            + " NOT NULL without a default: the data generator does not cover that type yet");
                }
                if (f.unique() && !f.key() && f.parent() == null && !f.type().canBeUnique()) {
                    throw StrategistException.invalid("rehearse: " + t.name() + "." + c.name() + " " + c.type()
                            + " is UNIQUE: the data generator makes unique values only for integers, uuids,"
                            + " timestamps, numerics and texts of 12 characters or more");
                }
            }
        }
        ordered();
    }

    /** Tables with every referenced table before the tables that reference it. */
    List<Table> ordered() {
        Set<String> done = new LinkedHashSet<>();
        List<Table> out = new ArrayList<>();
        List<Table> left = new ArrayList<>(schema.tables());
        while (!left.isEmpty()) {
            Table ready = left.stream().filter(t -> parents(t).stream().allMatch(p -> p.sameAs(t.name())
                    || done.contains(p.lower()) || !schema.hasTable(p))).findFirst().orElseThrow(() ->
                    StrategistException.invalid("rehearse: the foreign keys of " + left.stream().map(t -> t.name()
                            .name()).collect(Collectors.joining(", ")) + " form a cycle; not covered yet"));
            out.add(ready);
            done.add(ready.name().lower());
            left.remove(ready);
        }
        return out;
    }

    private static List<Ident> parents(Table t) {
        List<Ident> out = new ArrayList<>(t.constraints().stream().filter(Constraint.ForeignKey.class::isInstance)
                .map(c -> ((Constraint.ForeignKey) c).referencedTable()).toList());
        if (t.partitioning().isPartition()) {
            out.add(t.partitioning().parent()); // created PARTITION OF its parent
        }
        return out;
    }

    /** Creates the enum types and tables of State A on {@code c} (bound to the scratch namespace). */
    void create(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (dialect instanceof PostgresDialect) {
                for (EnumType e : schema.enums()) {
                    st.execute("CREATE TYPE " + dialect.quote(e.name()) + " AS ENUM (" + e.values().stream()
                            .map(dialect::literal).collect(Collectors.joining(", ")) + ")");
                }
                for (DomainType d : usedDomains()) {
                    st.execute(createDomain(d));
                }
                for (String sequence : sequences()) {
                    st.execute("CREATE SEQUENCE IF NOT EXISTS " + sequence);
                }
            }
            for (Table t : ordered()) {
                for (String sql : CreateTableStrategy.ddl(dialect, t)) {
                    st.execute(sql);
                }
            }
        }
    }

    /**
     * The domains a State A column is declared with: only those are created in the scratch namespace (a domain no
     * table uses needs no data, pagila's {@code bıgınt}). Their columns get NULL (nullable) or the text-input cast
     * below: the generator does not know what their CHECKs allow.
     */
    List<DomainType> usedDomains() {
        return schema.domains().stream().filter(d -> !schema.columnsOfDomain(d.name()).isEmpty()).toList();
    }

    private static final java.util.regex.Pattern NEXTVAL = java.util.regex.Pattern.compile(
            "(?i)^nextval\\('((?:[^']|'')+)'(?:::regclass)?\\)$");

    /**
     * The sequences State A's column defaults draw from ({@code nextval('actor_actor_id_seq'::regclass)}, as
     * pg_dump and the catalog print a serial column's default), as the default names them: the scratch namespace
     * needs them before its tables.
     */
    List<String> sequences() {
        Set<String> out = new LinkedHashSet<>();
        for (Table t : schema.tables()) {
            for (Column c : t.columns()) {
                c.defaultValue().map(d -> NEXTVAL.matcher(d.trim())).filter(java.util.regex.Matcher::matches)
                        .ifPresent(m -> out.add(m.group(1).replace("''", "'")));
            }
        }
        return List.copyOf(out);
    }

    private String createDomain(DomainType d) {
        StringBuilder sql = new StringBuilder("CREATE DOMAIN " + dialect.quote(d.name()) + " AS " + d.base().sql());
        if (d.defaultExpression() != null) {
            sql.append(" DEFAULT ").append(d.defaultExpression());
        }
        if (d.notNull()) {
            sql.append(" NOT NULL");
        }
        for (DomainType.Check c : d.checks()) {
            sql.append(" CONSTRAINT ").append(dialect.quote(c.name())).append(" CHECK (").append(c.expression())
                    .append(")");
        }
        return sql.toString();
    }

    /**
     * A NOT NULL column of a type the generator does not know (PostgreSQL {@code tsvector}, a domain), without a
     * default, in a table no client writes: every generated row gets the type's input of the empty string
     * ({@code CAST('' AS tsvector)}). The server says at load time when the type has no such value.
     */
    private boolean filledByCast(Column c) {
        return dialect instanceof PostgresDialect;
    }

    /** Inserts {@code rows} rows into every table, in batches; reports progress per table. */
    void fill(Connection c, long rows, Consumer<String> progress) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (Table t : ordered()) {
                if (t.partitioning().isPartition()) {
                    continue; // its rows are the parent's that its bound routes to it
                }
                long t0 = System.nanoTime();
                fill(c, t, rows);
                progress.accept(String.format(java.util.Locale.US, "data: %s: %,d rows in %d ms", t.name(), rows,
                        (System.nanoTime() - t0) / 1_000_000));
            }
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private void fill(Connection c, Table t, long rows) throws SQLException {
        List<Column> cols = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        Set<String> keyColumns = t.primaryKey().map(pk -> pk.columns().stream().map(Ident::lower)
                .collect(Collectors.toSet())).orElse(Set.of());
        List<Column> cast = new ArrayList<>();
        for (Column col : t.columns()) {
            Field f = Field.of(schema, t, col, dialect, parents);
            if (f.type().supported() || keyColumns.contains(col.name().lower())) {
                cols.add(col);
                fields.add(f);
            } else if (!col.nullable() && col.defaultValue().isEmpty() && filledByCast(col)) {
                cast.add(col);
            }
        }
        List<Column> named = new ArrayList<>(cols);
        named.addAll(cast);
        String sql = "INSERT INTO " + dialect.quote(t.name()) + " (" + dialect.quoteAll(named.stream()
                .map(Column::name).toList()) + ") VALUES (" + java.util.stream.Stream.concat(cols.stream().map(x -> "?"),
                cast.stream().map(x -> "CAST('' AS " + x.type().sql() + ")")).collect(Collectors.joining(", ")) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (long id = 1; id <= rows; id++) {
                for (int i = 0; i < fields.size(); i++) {
                    Field f = fields.get(i);
                    Object v = keyColumns.contains(f.name().lower()) ? Long.valueOf(id) : f.value(id, 0, rows);
                    if (keyColumns.contains(f.name().lower()) && f.type().kind() != ValueType.Kind.INTEGER) {
                        v = f.type().value(id, 0, true);
                    }
                    f.type().bind(ps, i + 1, v);
                }
                ps.addBatch();
                if (id % BATCH == 0 || id == rows) {
                    ps.executeBatch();
                    c.commit();
                }
            }
        } catch (SQLException e) {
            c.rollback();
            throw StrategistException.invalid("rehearse: cannot generate rows for table " + t.name() + " (a CHECK"
                    + " constraint or a type the generator does not know?): " + firstLine(e));
        }
    }

    static String firstLine(SQLException e) {
        SQLException next = e.getNextException();
        String m = next != null && next.getMessage() != null ? next.getMessage() : e.getMessage();
        return m == null ? e.toString() : m.lines().findFirst().orElse("");
    }
}
