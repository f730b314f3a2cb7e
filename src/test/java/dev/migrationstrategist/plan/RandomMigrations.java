package dev.migrationstrategist.plan;

import dev.migrationstrategist.change.AddCheck;
import dev.migrationstrategist.change.AddColumn;
import dev.migrationstrategist.change.AddDomainCheck;
import dev.migrationstrategist.change.AddEnumValue;
import dev.migrationstrategist.change.AddForeignKey;
import dev.migrationstrategist.change.AddPrimaryKey;
import dev.migrationstrategist.change.AddUnique;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.ChangeColumnType;
import dev.migrationstrategist.change.CreateIndex;
import dev.migrationstrategist.change.CreateTable;
import dev.migrationstrategist.change.DropColumn;
import dev.migrationstrategist.change.DropDomainCheck;
import dev.migrationstrategist.change.DropDefault;
import dev.migrationstrategist.change.DropIndex;
import dev.migrationstrategist.change.DropNotNull;
import dev.migrationstrategist.change.DropTable;
import dev.migrationstrategist.change.MergeTable;
import dev.migrationstrategist.change.MoveColumns;
import dev.migrationstrategist.change.RenameColumn;
import dev.migrationstrategist.change.RenameEnumValue;
import dev.migrationstrategist.change.RenameTable;
import dev.migrationstrategist.change.SetDefault;
import dev.migrationstrategist.change.SetNotNull;
import dev.migrationstrategist.change.SplitTable;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.dialect.MySqlDialect;
import dev.migrationstrategist.input.SchemaReader;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.EnumType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.dialect.EnumLists;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Random small schemas and random change lists that are valid against them, over every change kind this generator
 * knows (it says which kinds it does not know, see {@link #KNOWN}). The generator keeps its own small model of
 * State A and computes State B itself (table names, column names, types, nullability), never through
 * {@link Change#applyTo}, so that the planner's State B is checked against an independent answer.
 *
 * <p>Some schemas have an enum column (on PostgreSQL of its own {@code CREATE TYPE ... AS ENUM}, on MySQL/MariaDB an
 * {@code ENUM(...)} column) and a 1:1 side table of {@code t0} (its primary key a foreign key to {@code t0.id}), so
 * that enum values can be added or renamed and side tables merged back.
 *
 * <p>Changes in one list touch different objects (a column or an enum type is changed once; a table that is
 * dropped, renamed, split or merged gets no other change; a foreign key's parent is neither dropped nor renamed),
 * so the list is valid whatever order the merged timeline runs them in. Every table has rows with ids
 * 1..{@link #ROWS} and no NULLs, so every change is also valid for the data (unique values, non-negative numbers,
 * foreign keys that match).
 */
public final class RandomMigrations {
    public static final int ROWS = 20;
    /** The change kinds this generator makes; the catalog test of the generator checks it covers every kind. */
    public static final Set<Class<? extends Change>> KNOWN = Set.of(RenameColumn.class, AddColumn.class,
            DropColumn.class, SetNotNull.class, DropNotNull.class, SetDefault.class, DropDefault.class,
            ChangeColumnType.class, AddCheck.class, AddForeignKey.class, AddUnique.class, AddPrimaryKey.class,
            CreateIndex.class, DropIndex.class, CreateTable.class, DropTable.class, RenameTable.class,
            SplitTable.class, MergeTable.class, AddEnumValue.class, RenameEnumValue.class, MoveColumns.class,
            AddDomainCheck.class, DropDomainCheck.class);
    private static final String[] TYPES = {"integer", "bigint", "varchar(50)", "numeric(12,2)"};

    /** A column of the generator's own model. */
    record Col(String name, String type, boolean nullable, String dflt) {
    }

    /** A table of the generator's own model. */
    static final class T {
        final String name;
        final List<Col> cols = new ArrayList<>();
        boolean pk;
        String references; // a 1:1 table: its id is a foreign key to this table's id
        long rows = ROWS;
        final Map<String, String> indexes = new LinkedHashMap<>(); // index name -> column

        T(String name) {
            this.name = name;
        }

        Col col(String c) {
            return cols.stream().filter(x -> x.name.equals(c)).findFirst().orElseThrow();
        }
    }

    /**
     * @param ddl       State A as DDL (the same text creates it on a server)
     * @param expected  State B: table → column → "canonical-type null|not null"
     * @param enums     State B's PostgreSQL enum types: type → values in order
     * @param domains   State B's PostgreSQL domains: domain → check name → valid
     * @param rowsAfter State B's row count of every table
     */
    public record Scenario(String dialectSpec, String ddl, Schema schema, List<Change> changes,
                           Map<String, Map<String, String>> expected, Map<String, List<String>> enums,
                           Map<String, Map<String, Boolean>> domains, Map<String, Long> rowsAfter, Map<String, Long> rows, SyncMode sync) {
        public Dialect dialect() {
            return Dialects.parse(dialectSpec);
        }

        public List<String> kinds() {
            return changes.stream().map(Change::kind).toList();
        }

        @Override
        public String toString() {
            return dialectSpec + " rows=" + rows + " sync=" + sync + "\n" + ddl + "\n" + changes.stream()
                    .map(Change::describe).toList();
        }
    }

    private final Random random;
    private final Map<String, T> tables = new LinkedHashMap<>();
    private final Map<String, Set<String>> claimed = new HashMap<>();
    private final Map<String, List<String>> enums = new LinkedHashMap<>(); // PostgreSQL enum type -> values
    private final Set<String> claimedTypes = new HashSet<>();
    // PostgreSQL domain -> check name -> valid; its columns are changed by add_domain_check only
    private final Map<String, Map<String, Boolean>> domains = new LinkedHashMap<>();
    private boolean mysql;
    private int counter;

    private RandomMigrations(long seed) {
        this.random = new Random(seed);
    }

    public static Scenario scenario(long seed, String dialectSpec, SyncMode sync, boolean withSizes) {
        return scenario(seed, dialectSpec, sync, withSizes, null);
    }

    /**
     * A scenario whose first change is of the kind {@code focus} (a JSON name), when the dialect has that kind;
     * its State A then has what the kind needs (an enum column, a 1:1 side table). Null: every change random.
     */
    public static Scenario scenario(long seed, String dialectSpec, SyncMode sync, boolean withSizes, String focus) {
        return new RandomMigrations(seed).build(dialectSpec, sync, withSizes, focus);
    }

    private Scenario build(String dialectSpec, SyncMode sync, boolean withSizes, String focus) {
        boolean enumFocus = "add_enum_value".equals(focus) || "rename_enum_value".equals(focus);
        mysql = Dialects.parse(dialectSpec) instanceof MySqlDialect;
        int tableCount = 1 + random.nextInt(3);
        for (int t = 0; t < tableCount; t++) {
            T table = new T("t" + t);
            table.pk = t == 0 || random.nextInt(4) != 0;
            table.cols.add(new Col("id", "bigint", false, null));
            int extra = 1 + random.nextInt(4);
            for (int c = 0; c < extra; c++) {
                String type = TYPES[random.nextInt(TYPES.length)];
                boolean nullable = random.nextBoolean();
                table.cols.add(new Col("c" + c, type, nullable, random.nextInt(3) == 0 ? constant(type) : null));
            }
            if (random.nextBoolean()) {
                String c = table.cols.get(1 + random.nextInt(extra)).name;
                table.indexes.put(table.name + "_" + c + "_idx", c);
            }
            if (random.nextBoolean() || (t == 0 && enumFocus)) {
                table.cols.add(new Col("e" + t, enumColumnType("en" + t, 2 + random.nextInt(3)), random.nextBoolean(),
                        null));
            }
            tables.put(table.name, table);
        }
        if (!mysql && (random.nextInt(3) == 0 || "add_domain_check".equals(focus)
                || "drop_domain_check".equals(focus))) {
            // a domain on integer whose stored values all pass VALUE >= 0 (the seed writes 1..ROWS)
            domains.put("dq", new TreeMap<>(Map.of("dq_small", true))); // CHECK (VALUE < 1000000)
            tables.get("t0").cols.add(new Col("q0", "dq", random.nextBoolean(), null));
            if (tables.containsKey("t1") && random.nextBoolean()) {
                tables.get("t1").cols.add(new Col("q1", "dq", true, null));
            }
        }
        if (random.nextBoolean() || "merge_table".equals(focus)) {
            T side = new T("side0");
            side.pk = true;
            side.references = "t0";
            side.cols.add(new Col("id", "bigint", false, null));
            int extra = 1 + random.nextInt(2);
            for (int c = 0; c < extra; c++) {
                String type = TYPES[random.nextInt(TYPES.length)];
                side.cols.add(new Col("s" + c, type, random.nextBoolean(),
                        random.nextInt(3) == 0 ? constant(type) : null));
            }
            tables.put(side.name, side);
            claim("t0", "#referenced"); // neither dropped, renamed nor split while side0 references it
        }
        String ddl = ddl();
        Dialect dialect = Dialects.parse(dialectSpec);
        Schema schema = new SchemaReader(dialect).read(ddl, "random");

        Map<String, Supplier<Change>> byKind = makers();
        List<Supplier<Change>> makers = List.copyOf(byKind.values());
        List<Change> changes = new ArrayList<>();
        if (focus != null) {
            Change first = byKind.get(focus).get();
            if (first != null) {
                changes.add(first);
            }
        }
        int wanted = 1 + random.nextInt(4);
        for (int attempt = 0; attempt < 40 && changes.size() < wanted; attempt++) {
            Change c = makers.get(random.nextInt(makers.size())).get();
            if (c != null) {
                changes.add(c);
            }
        }
        if (changes.isEmpty()) {
            changes.add(createTable());
        }
        Map<String, Long> rows = new HashMap<>();
        if (withSizes) {
            for (String t : tables.keySet()) {
                switch (random.nextInt(3)) {
                    case 0 -> rows.put(t, (long) random.nextInt(900_000));
                    case 1 -> rows.put(t, 1_000_000L + random.nextInt(50_000_000));
                    default -> { } // unknown: large
                }
            }
        }
        Map<String, Long> rowsAfter = new TreeMap<>();
        tables.values().forEach(t -> rowsAfter.put(t.name, t.rows));
        Map<String, Map<String, Boolean>> domainsAfter = new TreeMap<>();
        domains.forEach((d, checks) -> domainsAfter.put(d, new TreeMap<>(checks)));
        return new Scenario(dialectSpec, ddl, schema, changes, expected(), new TreeMap<>(enums), domainsAfter,
                rowsAfter, rows, sync);
    }

    /** The type of a new enum column with values v0..v(n-1): its own enum type on PostgreSQL, ENUM(...) on MySQL. */
    private String enumColumnType(String typeName, int n) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add("v" + i);
        }
        if (mysql) {
            return mysqlEnum(values);
        }
        enums.put(typeName, values);
        return typeName;
    }

    private static String mysqlEnum(List<String> values) {
        return "enum(" + String.join(",", values.stream().map(v -> "'" + v + "'").toList()) + ")";
    }

    private boolean isEnum(Col c) {
        return c.type.startsWith("enum(") || enums.containsKey(c.type);
    }

    /** One maker per kind, by JSON name; a maker returns null when the schema has nothing it may change. */
    private Map<String, Supplier<Change>> makers() {
        Map<String, Supplier<Change>> out = new LinkedHashMap<>();
        out.put("rename_column", this::renameColumn);
        out.put("add_column", this::addColumn);
        out.put("drop_column", this::dropColumn);
        out.put("set_not_null", this::setNotNull);
        out.put("drop_not_null", this::dropNotNull);
        out.put("set_default", this::setDefault);
        out.put("drop_default", this::dropDefault);
        out.put("change_column_type", this::changeType);
        out.put("add_check", this::addCheck);
        out.put("add_foreign_key", this::addForeignKey);
        out.put("add_unique", this::addUnique);
        out.put("add_primary_key", this::addPrimaryKey);
        out.put("create_index", this::createIndex);
        out.put("drop_index", this::dropIndex);
        out.put("create_table", this::createTable);
        out.put("drop_table", this::dropTable);
        out.put("rename_table", this::renameTable);
        out.put("split_table", this::splitTable);
        out.put("merge_table", this::mergeTable);
        out.put("add_enum_value", this::addEnumValue);
        out.put("rename_enum_value", this::renameEnumValue);
        out.put("move_columns", this::moveColumns);
        out.put("add_domain_check", this::addDomainCheck);
        out.put("drop_domain_check", this::dropDomainCheck);
        return out;
    }

    // --- State A -------------------------------------------------------------------------------------------

    private String ddl() {
        StringBuilder sb = new StringBuilder();
        for (String d : domains.keySet()) {
            sb.append("CREATE DOMAIN ").append(d).append(" AS integer CONSTRAINT dq_small CHECK (VALUE < 1000000);\n");
        }
        for (Map.Entry<String, List<String>> e : enums.entrySet()) {
            sb.append("CREATE TYPE ").append(e.getKey()).append(" AS ENUM (").append(String.join(", ",
                    e.getValue().stream().map(v -> "'" + v + "'").toList())).append(");\n");
        }
        for (T t : tables.values()) {
            sb.append("CREATE TABLE ").append(t.name).append(" (");
            List<String> parts = new ArrayList<>();
            for (Col c : t.cols) {
                parts.add(c.name + " " + c.type + (c.nullable ? "" : " NOT NULL")
                        + (c.dflt == null ? "" : " DEFAULT " + c.dflt));
            }
            if (t.pk) {
                parts.add("PRIMARY KEY (id)");
            }
            if (t.references != null) {
                parts.add("FOREIGN KEY (id) REFERENCES " + t.references + " (id)");
            }
            sb.append(String.join(", ", parts)).append(");\n");
            for (Map.Entry<String, String> i : t.indexes.entrySet()) {
                sb.append("CREATE INDEX ").append(i.getKey()).append(" ON ").append(t.name).append(" (")
                        .append(i.getValue()).append(");\n");
            }
        }
        return sb.toString();
    }

    /** The INSERTs that give every table rows 1..ROWS with no NULLs. */
    public static List<String> seed(Schema schema) {
        List<String> out = new ArrayList<>();
        for (Table t : schema.tables()) {
            List<String> rows = new ArrayList<>();
            for (int i = 1; i <= ROWS; i++) {
                List<String> values = new ArrayList<>();
                for (Column c : t.columns()) {
                    values.add(value(schema, c.type(), c.name().name(), i));
                }
                rows.add("(" + String.join(", ", values) + ")");
            }
            out.add("INSERT INTO " + t.name().name() + " (" + String.join(", ", t.columns().stream()
                    .map(c -> c.name().name()).toList()) + ") VALUES " + String.join(", ", rows));
        }
        return out;
    }

    private static String value(Schema schema, DataType type, String column, int i) {
        String base = type.base().toLowerCase(java.util.Locale.ROOT);
        List<String> labels = EnumLists.isEnumOrSet(type) ? EnumLists.values(type)
                : schema.enumType(Ident.of(type.base())).map(EnumType::values).orElse(null);
        if (labels != null) {
            return "'" + labels.get(i % labels.size()) + "'";
        }
        if (base.contains("char")) {
            return "'" + column + "-" + i + "'";
        }
        if (base.contains("numeric") || base.contains("decimal")) {
            return i + ".5";
        }
        return String.valueOf(i);
    }

    /** A default that every server reads back as written (MariaDB shows a numeric 0 as 0.00). */
    private static String constant(String type) {
        return type.startsWith("varchar") ? "'x'" : type.startsWith("numeric") ? "0.00" : "0";
    }

    // --- State B, computed here ----------------------------------------------------------------------------

    private Map<String, Map<String, String>> expected() {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (T t : tables.values()) {
            Map<String, String> cols = new TreeMap<>();
            for (Col c : t.cols) {
                cols.put(c.name, DataType.parse(c.type).canonical() + (c.nullable ? " null" : " not null"));
            }
            out.put(t.name, cols);
        }
        return out;
    }

    // --- claims: every object is changed at most once per list ---------------------------------------------

    private T freeTableWhole() {
        List<T> free = tables.values().stream().filter(t -> claimed.getOrDefault(t.name, Set.of()).isEmpty())
                .toList();
        return free.isEmpty() ? null : free.get(random.nextInt(free.size()));
    }

    /** A random unclaimed non-key column of a table no table-level change claimed, matching {@code ok}. */
    private Object[] freeColumn(java.util.function.BiPredicate<T, Col> ok) {
        List<Object[]> candidates = new ArrayList<>();
        for (T t : tables.values()) {
            Set<String> c = claimed.getOrDefault(t.name, Set.of());
            if (c.contains("*")) {
                continue;
            }
            for (Col col : t.cols) {
                if (!col.name.equals("id") && !c.contains(col.name) && !domains.containsKey(col.type)
                        && ok.test(t, col)) {
                    candidates.add(new Object[]{t, col});
                }
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        Object[] pick = candidates.get(random.nextInt(candidates.size()));
        claim(((T) pick[0]).name, ((Col) pick[1]).name);
        return pick;
    }

    /**
     * Moves one or two free columns of a table into its existing 1:1 table. The target must take a row for every
     * source row (the backfill creates the missing ones), so it may have no NOT NULL column without a default.
     */
    private Change moveColumns() {
        T side = tables.values().stream().filter(x -> x.references != null && tables.containsKey(x.references)
                && claimed.getOrDefault(x.name, Set.of()).isEmpty()
                && x.cols.stream().allMatch(c -> c.name.equals("id") || c.nullable || c.dflt != null))
                .findAny().orElse(null);
        if (side == null) {
            return null;
        }
        T parent = tables.get(side.references);
        List<Col> moved = new ArrayList<>();
        int wanted = 1 + random.nextInt(2);
        for (int i = 0; i < wanted; i++) {
            Object[] p = freeColumn((t, c) -> t == parent && !t.indexes.containsValue(c.name) && !isEnum(c)
                    && side.cols.stream().noneMatch(s -> s.name.equals(c.name)));
            if (p != null) {
                moved.add((Col) p[1]);
            }
        }
        if (moved.isEmpty()) {
            return null;
        }
        claim(side.name, "*");
        for (Col c : moved) {
            parent.cols.remove(c);
            side.cols.add(new Col(c.name, c.type, true, c.dflt));
        }
        side.rows = parent.rows; // the backfill gives every source row its 1:1 row
        return new MoveColumns(id(parent.name), moved.stream().map(c -> id(c.name)).toList(), id(side.name));
    }

    private void claim(String table, String what) {
        claimed.computeIfAbsent(table, k -> new HashSet<>()).add(what);
    }

    private String fresh(String prefix) {
        return prefix + (counter++);
    }

    private static Ident id(String name) {
        return Ident.of(name);
    }

    private static void replace(T t, Col old, Col now) {
        t.cols.set(t.cols.indexOf(old), now);
    }

    // --- one maker per kind --------------------------------------------------------------------------------

    private Change renameColumn() {
        Object[] p = freeColumn((t, c) -> t.pk); // the backfill ranges over the primary key
        if (p == null) {
            return null;
        }
        T t = (T) p[0];
        Col c = (Col) p[1];
        String to = fresh("renamed_");
        replace(t, c, new Col(to, c.type, c.nullable, c.dflt));
        claim(t.name, to);
        return new RenameColumn(id(t.name), id(c.name), id(to));
    }

    private Change addColumn() {
        List<T> open = tables.values().stream()
                .filter(x -> !claimed.getOrDefault(x.name, Set.of()).contains("*")).toList();
        if (open.isEmpty()) {
            return null;
        }
        T t = open.get(random.nextInt(open.size()));
        String type = TYPES[random.nextInt(TYPES.length)];
        // a default may need a batched backfill (PostgreSQL before 11), which ranges over the primary key
        boolean nullable = !t.pk || random.nextBoolean();
        String dflt = t.pk && (!nullable || random.nextBoolean()) ? constant(type) : null;
        String name = fresh("added_");
        t.cols.add(new Col(name, type, nullable, dflt));
        claim(t.name, name);
        return new AddColumn(id(t.name), new Column(id(name), DataType.parse(type), nullable, dflt));
    }

    private Change dropColumn() {
        // an indexed column too: its indexes go with it (on MySQL/MariaDB they are dropped first, in place)
        Object[] p = freeColumn((t, c) -> true);
        if (p == null) {
            return null;
        }
        T t = (T) p[0];
        Col c = (Col) p[1];
        t.cols.remove(c);
        t.indexes.values().removeIf(column -> column.equals(c.name));
        return new DropColumn(id(t.name), id(c.name));
    }

    private Change setNotNull() {
        Object[] p = freeColumn((t, c) -> c.nullable);
        if (p == null) {
            return null;
        }
        T t = (T) p[0];
        Col c = (Col) p[1];
        replace(t, c, new Col(c.name, c.type, false, c.dflt));
        return new SetNotNull(id(t.name), id(c.name));
    }

    private Change dropNotNull() {
        Object[] p = freeColumn((t, c) -> !c.nullable);
        if (p == null) {
            return null;
        }
        T t = (T) p[0];
        Col c = (Col) p[1];
        replace(t, c, new Col(c.name, c.type, true, c.dflt));
        return new DropNotNull(id(t.name), id(c.name));
    }

    private Change setDefault() {
        Object[] p = freeColumn((t, c) -> !isEnum(c));
        if (p == null) {
            return null;
        }
        T t = (T) p[0];
        Col c = (Col) p[1];
        replace(t, c, new Col(c.name, c.type, c.nullable, constant(c.type)));
        return new SetDefault(id(t.name), id(c.name), constant(c.type));
    }

    private Change dropDefault() {
        Object[] p = freeColumn((t, c) -> c.dflt != null);
        if (p == null) {
            return null;
        }
        T t = (T) p[0];
        Col c = (Col) p[1];
        replace(t, c, new Col(c.name, c.type, c.nullable, null));
        return new DropDefault(id(t.name), id(c.name));
    }

    private Change changeType() {
        Object[] p = freeColumn((t, c) -> t.pk && !c.type.equals("bigint") && !isEnum(c));
        if (p == null) {
            return null;
        }
        T t = (T) p[0];
        Col c = (Col) p[1];
        String to = switch (c.type) {
            case "integer" -> "bigint";
            case "varchar(50)" -> random.nextBoolean() ? "varchar(100)" : "varchar(30)";
            default -> "numeric(14,2)";
        };
        replace(t, c, new Col(c.name, to, c.nullable, c.dflt));
        return new ChangeColumnType(id(t.name), id(c.name), DataType.parse(to));
    }

    private Change addCheck() {
        Object[] p = freeColumn((t, c) -> !c.type.startsWith("varchar") && !isEnum(c));
        if (p == null) {
            return null;
        }
        T t = (T) p[0];
        Col c = (Col) p[1];
        return new AddCheck(id(t.name), id(fresh("ck_")), c.name + " >= 0", false);
    }

    private Change addForeignKey() {
        List<T> parents = tables.values().stream().filter(x -> x.pk
                && !claimed.getOrDefault(x.name, Set.of()).contains("*")).toList();
        if (parents.isEmpty()) {
            return null;
        }
        T parent = parents.get(random.nextInt(parents.size()));
        Object[] p = freeColumn((t, c) -> c.type.equals("bigint"));
        if (p == null) {
            return null;
        }
        claim(parent.name, "#referenced");
        T t = (T) p[0];
        Col c = (Col) p[1];
        return new AddForeignKey(id(t.name), id(fresh("fk_")), List.of(id(c.name)), id(parent.name), List.of(),
                null, null, false, false);
    }

    private Change addUnique() {
        Object[] p = freeColumn((t, c) -> !isEnum(c)); // an enum column repeats its few values
        if (p == null) {
            return null;
        }
        T t = (T) p[0];
        Col c = (Col) p[1];
        String name = fresh("uq_");
        return new AddUnique(id(t.name), id(name), List.of(id(c.name)));
    }

    private Change addPrimaryKey() {
        T t = tables.values().stream().filter(x -> !x.pk && claimed.getOrDefault(x.name, Set.of()).isEmpty())
                .findAny().orElse(null);
        if (t == null) {
            return null;
        }
        claim(t.name, "*");
        t.pk = true;
        return new AddPrimaryKey(id(t.name), null, List.of(id("id")));
    }

    private Change createIndex() {
        Object[] p = freeColumn((t, c) -> true);
        if (p == null) {
            return null;
        }
        T t = (T) p[0];
        Col c = (Col) p[1];
        String name = fresh("ix_");
        t.indexes.put(name, c.name);
        boolean unique = random.nextInt(4) == 0 && !isEnum(c); // an enum column repeats its few values
        return new CreateIndex(id(t.name), id(name), List.of(id(c.name)), unique, null, false);
    }

    private Change dropIndex() {
        for (T t : tables.values()) {
            Set<String> c = claimed.getOrDefault(t.name, Set.of());
            for (Map.Entry<String, String> i : List.copyOf(t.indexes.entrySet())) {
                if (!c.contains("*") && !c.contains(i.getValue()) && !i.getKey().startsWith("ix_")) {
                    claim(t.name, i.getValue());
                    t.indexes.remove(i.getKey());
                    return new DropIndex(id(t.name), id(i.getKey()), false);
                }
            }
        }
        return null;
    }

    private Change createTable() {
        String name = fresh("new_");
        T t = new T(name);
        t.pk = true;
        t.rows = 0;
        t.cols.add(new Col("id", "bigint", false, null));
        t.cols.add(new Col("note", "varchar(50)", true, null));
        tables.put(name, t);
        claim(name, "*");
        Table def = new Table(id(name), List.of(new Column(id("id"), DataType.parse("bigint"), false, null),
                new Column(id("note"), DataType.parse("varchar(50)"), true, null)),
                List.of(new Constraint.PrimaryKey(null, List.of(id("id")))), List.of());
        return new CreateTable(def);
    }

    private Change dropTable() {
        T t = freeTableWhole();
        if (t == null) {
            return null;
        }
        tables.remove(t.name);
        claim(t.name, "*");
        return new DropTable(id(t.name));
    }

    private Change renameTable() {
        T t = freeTableWhole();
        if (t == null || !t.pk) {
            return null;
        }
        String to = fresh("renamed_t");
        tables.remove(t.name);
        T renamed = new T(to);
        renamed.pk = t.pk;
        renamed.references = t.references;
        renamed.rows = t.rows;
        renamed.cols.addAll(t.cols);
        renamed.indexes.putAll(t.indexes);
        tables.put(to, renamed);
        claim(t.name, "*");
        claim(to, "*");
        return new RenameTable(id(t.name), id(to));
    }

    private Change splitTable() {
        // the copy ranges over the primary key; indexed columns cannot move (the strategy refuses them)
        List<T> splittable = tables.values().stream().filter(x -> x.pk
                && claimed.getOrDefault(x.name, Set.of()).isEmpty() && !movable(x).isEmpty()).toList();
        if (splittable.isEmpty()) {
            return null;
        }
        T t = splittable.get(random.nextInt(splittable.size()));
        List<Col> moved = new ArrayList<>(movable(t));
        java.util.Collections.shuffle(moved, random);
        moved = List.copyOf(moved.subList(0, 1 + random.nextInt(moved.size())));
        String into = fresh("split_");
        T created = new T(into);
        created.pk = true;
        created.references = t.name;
        created.rows = t.rows; // every row gets its 1:1 row
        created.cols.add(new Col("id", "bigint", false, null));
        created.cols.addAll(moved);
        t.cols.removeAll(moved);
        tables.put(into, created);
        claim(t.name, "*");
        claim(into, "*");
        return new SplitTable(id(t.name), moved.stream().map(c -> id(c.name)).toList(), id(into));
    }

    private static List<Col> movable(T t) {
        return t.cols.stream().filter(c -> !c.name.equals("id") && !t.indexes.containsValue(c.name)).toList();
    }

    private Change mergeTable() {
        for (T side : List.copyOf(tables.values())) {
            if (side.references == null || !claimed.getOrDefault(side.name, Set.of()).isEmpty()) {
                continue;
            }
            T main = tables.get(side.references);
            if (main == null || !Set.of("#referenced").containsAll(claimed.getOrDefault(main.name, Set.of()))) {
                continue;
            }
            for (Col c : side.cols) {
                if (!c.name.equals("id")) {
                    main.cols.add(new Col(c.name, c.type, true, c.dflt)); // a main row may have no side row
                }
            }
            tables.remove(side.name);
            claim(side.name, "*");
            claim(main.name, "*");
            return new MergeTable(id(side.name), id(main.name));
        }
        return null;
    }

    private Change addEnumValue() {
        if (!mysql) {
            String type = freeEnumType();
            if (type == null) {
                return null;
            }
            List<String> values = enums.get(type);
            String value = fresh("added_v");
            String[] at = position(values, true);
            enums.put(type, inserted(values, value, at));
            return AddEnumValue.ofType(id(type), value, at[0], at[1]);
        }
        Object[] p = freeColumn((t, c) -> c.type.startsWith("enum("));
        if (p == null) {
            return null;
        }
        T t = (T) p[0];
        Col c = (Col) p[1];
        List<String> values = EnumLists.values(DataType.parse(c.type));
        String value = fresh("added_v");
        // appending is metadata only; any other place copies the column, a backfill over the primary key
        String[] at = position(values, t.pk);
        replace(t, c, new Col(c.name, mysqlEnum(inserted(values, value, at)), c.nullable, c.dflt));
        return new AddEnumValue(null, id(t.name), id(c.name), value, at[0], at[1]);
    }

    private Change renameEnumValue() {
        if (mysql) {
            return null; // MySQL/MariaDB have no enum types: an ENUM column's values change with its type
        }
        String type = freeEnumType();
        if (type == null) {
            return null;
        }
        if (tables.values().stream().anyMatch(t -> !t.pk && t.cols.stream().anyMatch(c -> c.type.equals(type)))) {
            return null; // the rows still holding the old spelling are backfilled over the primary key
        }
        List<String> values = enums.get(type);
        String from = values.get(random.nextInt(values.size()));
        String to = fresh("renamed_v");
        // PostgreSQL cannot drop an enum value: the new spelling takes the old one's place, the old one stays after it
        List<String> after = new ArrayList<>();
        for (String v : values) {
            if (v.equals(from)) {
                after.add(to);
            }
            after.add(v);
        }
        enums.put(type, after);
        return new RenameEnumValue(id(type), from, to);
    }

    /**
     * A check on the domain, valid for every stored value. The tables with a column of it get no table-level change
     * in the same list (the verify query of the VALIDATE step names them as State A has them).
     */
    private Change addDomainCheck() {
        if (mysql || domains.isEmpty() || claimedTypes.contains("dq")) {
            return null;
        }
        List<T> users = tables.values().stream().filter(t -> t.cols.stream().anyMatch(c -> c.type.equals("dq")))
                .toList();
        for (T t : users) {
            Set<String> c = claimed.getOrDefault(t.name, Set.of());
            if (c.contains("*") || t.cols.stream().anyMatch(col -> col.type.equals("dq") && c.contains(col.name))) {
                return null;
            }
        }
        claimedTypes.add("dq");
        users.forEach(t -> {
            claim(t.name, "#domain");
            t.cols.stream().filter(col -> col.type.equals("dq")).forEach(col -> claim(t.name, col.name));
        });
        String name = fresh("dq_nonnegative");
        domains.get("dq").put(name, true);
        return new AddDomainCheck(id("dq"), id(name), "VALUE >= 0");
    }

    /** Drops the domain's State A check (a catalog change: the tables that use the domain are not claimed). */
    private Change dropDomainCheck() {
        if (mysql || domains.isEmpty() || claimedTypes.contains("dq#drop")) {
            return null;
        }
        claimedTypes.add("dq#drop");
        domains.get("dq").remove("dq_small");
        return new DropDomainCheck(id("dq"), id("dq_small"));
    }

    private String freeEnumType() {
        List<String> free = enums.keySet().stream().filter(e -> !claimedTypes.contains(e)).toList();
        if (free.isEmpty()) {
            return null;
        }
        String type = free.get(random.nextInt(free.size()));
        claimedTypes.add(type);
        return type;
    }

    /** {before, after}: both null (at the end), or one of them a random existing value. */
    private String[] position(List<String> values, boolean anywhere) {
        int where = anywhere ? random.nextInt(3) : 0;
        String neighbour = values.get(random.nextInt(values.size()));
        return where == 1 ? new String[]{neighbour, null} : where == 2 ? new String[]{null, neighbour}
                : new String[]{null, null};
    }

    private static List<String> inserted(List<String> values, String value, String[] at) {
        List<String> out = new ArrayList<>(values);
        if (at[0] != null) {
            out.add(out.indexOf(at[0]), value);
        } else if (at[1] != null) {
            out.add(out.indexOf(at[1]) + 1, value);
        } else {
            out.add(value);
        }
        return out;
    }
}
