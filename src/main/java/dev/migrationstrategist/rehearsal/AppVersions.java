package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.change.AddColumn;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.ChangeColumnType;
import dev.migrationstrategist.change.DropColumn;
import dev.migrationstrategist.change.DropTable;
import dev.migrationstrategist.change.MergeTable;
import dev.migrationstrategist.change.MoveColumns;
import dev.migrationstrategist.change.RenameColumn;
import dev.migrationstrategist.change.RenameEnumValue;
import dev.migrationstrategist.change.RenameTable;
import dev.migrationstrategist.change.SplitTable;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.plan.AppReleaseStep;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The app versions of a plan: v1.0 uses every column of State A's entities (see {@link AppVersion}); each
 * {@link AppReleaseStep} defines the next version from the previous one by replacing, for every field it names, the
 * columns read and written. A column is mapped to its field through the plan's changes: a {@link RenameColumn}'s new
 * name, a {@link RenameTable}'s new table, the target table of a {@link SplitTable}, {@link MoveColumns} or
 * {@link MergeTable} carry the old column's field; a {@link ChangeColumnType} keeps the name. A release that stops
 * using a column ({@link DropColumn}'s) or a table ({@link DropTable}'s) takes it out of the version; a release that
 * names a column it writes writes it explicitly (its INSERTs no longer leave it to the default); a release that
 * names a renamed table by itself switches the entity to that name. Every change kind is covered this way: kinds
 * whose plan has no app release keep v1.0 throughout.
 *
 * @param versions the versions in rollout order, v1.0 first
 * @param releases the release step that rolls out {@code versions.get(i + 1)}, by index i
 * @param traffic  the entities (State A tables) the simulated clients use
 */
record AppVersions(List<AppVersion> versions, List<AppReleaseStep> releases, List<Ident> traffic) {
    /** The action of the release after which the application no longer reads or writes a dropped column. */
    static final String STOP_USING = "stop_using_column";
    /** The action of the release after which the application no longer uses a dropped table. */
    static final String STOP_USING_TABLE = "stop_using_table";
    /**
     * The action of the release after which the application writes a renamed enum value's new spelling (before it,
     * v1.0 and v1.1 write the old one; every version reads both).
     */
    static final String WRITE_NEW_VALUE = "write_new_value";

    static AppVersions derive(Plan plan, Dialect dialect) {
        Schema a = plan.before();
        Schema b = plan.after() == null ? a : plan.after();
        boolean postgres = dialect instanceof PostgresDialect;
        List<AppReleaseStep> releases = plan.steps().stream().filter(AppReleaseStep.class::isInstance)
                .map(AppReleaseStep.class::cast).toList();
        Map<String, Ident> homes = homes(a, trafficTables(plan, a));
        List<Ident> entities = new ArrayList<>();
        for (Ident t : trafficTables(plan, a)) {
            Ident home = homes.getOrDefault(t.lower(), t);
            if (entities.stream().noneMatch(e -> e.sameAs(home))) {
                entities.add(home);
            }
        }
        Map<String, Field> fields = new LinkedHashMap<>();   // "table.column" (lower) -> field
        Map<String, Field> byColumn = new LinkedHashMap<>(); // the column names that carry a field
        for (Table table : a.tables()) {
            if (entities.stream().noneMatch(e -> e.sameAs(table.name())) && !homes.containsKey(table.name().lower())) {
                continue;
            }
            for (Column c : table.columns()) {
                Field f = Field.of(a, table, c, dialect, Field.addedParents(plan.changes()));
                for (Change ch : plan.changes()) {
                    if (ch instanceof RenameEnumValue e && f.type().kind() == ValueType.Kind.ENUM
                            && e.type().sameAs(Ident.of(unqualified(c.type().base())))) {
                        f = f.withType(f.type().withRenamedLabel(e.from(), e.to()));
                    }
                }
                fields.put(key(table.name(), c.name()), f);
                byColumn.put(key(table.name(), c.name()), f);
            }
        }
        Map<String, Ident> renamedTables = new LinkedHashMap<>(); // new name (lower) -> State A name
        List<Ident> droppedTables = new ArrayList<>();
        for (Change c : plan.changes()) {
            if (c instanceof RenameColumn r && byColumn.containsKey(key(r.table(), r.column()))) {
                Field f = byColumn.get(key(r.table(), r.column()));
                if (r.newType() != null) {
                    f = narrowed(f, r.newType(), a, dialect);
                    fields.put(key(f.table(), f.name()), f);
                }
                byColumn.put(key(r.table(), r.column()), f);
                byColumn.put(key(r.table(), r.newName()), f);
            } else if (c instanceof ChangeColumnType t && fields.containsKey(key(t.table(), t.column()))) {
                Field f = narrowed(fields.get(key(t.table(), t.column())), t.newType(), a, dialect);
                fields.put(key(t.table(), t.column()), f);
                byColumn.put(key(t.table(), t.column()), f);
            } else if (c instanceof AddColumn add && byColumn.containsKey(key(add.table(), add.column().name()))) {
                throw StrategistException.invalid("rehearse: " + c.describe() + ": the column already exists");
            } else if (c instanceof SplitTable s) {
                s.columns().forEach(col -> carry(byColumn, s.table(), col, s.into()));
            } else if (c instanceof MoveColumns m) {
                m.columns().forEach(col -> carry(byColumn, m.table(), col, m.into()));
            } else if (c instanceof MergeTable m) {
                a.table(m.table()).ifPresent(t -> t.columns().forEach(col -> carry(byColumn, m.table(), col.name(),
                        m.into())));
            } else if (c instanceof RenameTable r) {
                renamedTables.put(r.newName().lower(), r.table());
                a.table(r.table()).ifPresent(t -> t.columns().forEach(col -> carry(byColumn, r.table(), col.name(),
                        r.newName())));
            } else if (c instanceof DropTable d) {
                droppedTables.add(d.table());
            }
        }
        // every field object must be the narrowed one
        byColumn.replaceAll((k, v) -> fields.getOrDefault(key(v.table(), v.name()), v));
        for (Field f : fields.values()) {
            if (!f.type().supported() && !f.nullable() && !f.hasDefault()) {
                throw StrategistException.invalid("rehearse: " + f.table() + "." + f.name() + " is NOT NULL without"
                        + " a default and its type is not one the data generator covers yet");
            }
            if (f.key() && !f.type().canBeUnique()) {
                throw StrategistException.invalid("rehearse: " + f.table() + "." + f.name() + " " + f.type().kind()
                        .name().toLowerCase(Locale.ROOT) + " is a primary key column: the simulated clients derive"
                        + " keys only for integers, uuids, timestamps, numerics and texts of 12 characters or more");
            }
        }
        List<String> dropped = plan.changes().stream().filter(DropColumn.class::isInstance)
                .map(DropColumn.class::cast).map(d -> key(d.table(), d.column())).toList();
        List<AppVersion> versions = new ArrayList<>();
        versions.add(first(plan, entities, homes, fields, a));
        Context ctx = new Context(byColumn, renamedTables, droppedTables, a, b, postgres);
        for (AppReleaseStep r : releases) {
            AppVersion next = next(versions.get(versions.size() - 1), r, ctx);
            versions.add(r.action().contains(STOP_USING) ? without(next, dropped) : next);
        }
        return new AppVersions(versions, releases, entities);
    }

    /** What a release's names are resolved against. */
    private record Context(Map<String, Field> byColumn, Map<String, Ident> renamedTables, List<Ident> droppedTables,
                           Schema a, Schema b, boolean postgres) {
    }

    private static void carry(Map<String, Field> byColumn, Ident from, Ident column, Ident into) {
        Field f = byColumn.get(key(from, column));
        if (f != null && !f.key()) {
            byColumn.put(key(into, column), f);
        }
    }

    private static String unqualified(String base) {
        int dot = base.lastIndexOf('.');
        String last = dot < 0 ? base : base.substring(dot + 1);
        return last.replace("\"", "").replace("`", "");
    }

    /**
     * The 1:1 tables of State A and the table each belongs to: a table whose primary key is, column for column, a
     * foreign key to another table's primary key (a profile keyed by its user), when either is in the traffic.
     */
    private static Map<String, Ident> homes(Schema a, List<Ident> traffic) {
        Map<String, Ident> out = new LinkedHashMap<>();
        for (Table t : a.tables()) {
            Optional<Constraint.PrimaryKey> pk = t.primaryKey();
            if (pk.isEmpty()) {
                continue;
            }
            for (Constraint c : t.constraints()) {
                if (c instanceof Constraint.ForeignKey fk && fk.columns().equals(pk.get().columns())
                        && !fk.referencedTable().sameAs(t.name())) {
                    Optional<Table> parent = a.table(fk.referencedTable());
                    boolean parentKey = parent.flatMap(Table::primaryKey)
                            .map(p -> p.columns().equals(fk.referencedColumns())).orElse(false);
                    boolean used = traffic.stream().anyMatch(x -> x.sameAs(t.name())
                            || x.sameAs(fk.referencedTable()));
                    if (parentKey && used && !out.containsKey(parent.get().name().lower())) {
                        out.put(t.name().lower(), parent.get().name());
                    }
                }
            }
        }
        return out;
    }

    /** The version with the dropped columns taken out of its reads and writes. */
    private static AppVersion without(AppVersion v, List<String> dropped) {
        Map<String, AppVersion.Shape> shapes = new LinkedHashMap<>();
        for (AppVersion.Shape s : v.tables().values()) {
            shapes.put(s.entity().lower(), s.with(s.table(),
                    s.reads().stream().filter(u -> !dropped.contains(key(u.field().table(), u.column()))).toList(),
                    s.writes().stream().filter(u -> !dropped.contains(key(u.field().table(), u.column()))).toList(),
                    s.defaults()));
        }
        return new AppVersion(v.name(), shapes, v.retriesOnResultTypeChange(), v.writesRenamedLabels());
    }

    private static Field narrowed(Field f, DataType newType, Schema a, Dialect dialect) {
        ValueType to = ValueType.of(newType, a, dialect instanceof PostgresDialect);
        if (to.kind() != f.type().kind() || !to.supported()) {
            throw StrategistException.invalid("rehearse: " + f.table() + "." + f.name() + " " + f.type().kind()
                    .name().toLowerCase(Locale.ROOT) + " -> " + newType + ": a type change between kinds of"
                    + " values is not covered (the simulated clients would write values only one of them holds)");
        }
        return f.withType(f.type().narrowest(to));
    }

    /**
     * The plan's tables that exist in State A; when it names none (a change of an enum type or a domain, a new
     * table), every table of State A that uses the type, else every table with a primary key.
     */
    private static List<Ident> trafficTables(Plan plan, Schema a) {
        List<Ident> out = new ArrayList<>();
        for (String name : plan.tables()) {
            a.table(Ident.of(name)).ifPresent(t -> out.add(t.name()));
        }
        if (out.isEmpty()) {
            for (Change c : plan.changes()) {
                for (Table t : a.tables()) {
                    boolean uses = t.columns().stream().anyMatch(col -> c.table().sameAs(Ident.of(unqualified(
                            col.type().base()))));
                    if (uses && !out.contains(t.name())) {
                        out.add(t.name());
                    }
                }
            }
        }
        if (out.isEmpty()) {
            a.tables().stream().filter(t -> t.primaryKey().isPresent()).forEach(t -> out.add(t.name()));
        }
        if (out.isEmpty()) {
            throw StrategistException.invalid("rehearse: no table of State A to send traffic to (the change touches"
                    + " no existing table and none has a primary key)");
        }
        return out;
    }

    private static AppVersion first(Plan plan, List<Ident> entities, Map<String, Ident> homes,
                                    Map<String, Field> fields, Schema a) {
        Map<String, AppVersion.Shape> shapes = new LinkedHashMap<>();
        for (Ident e : entities) {
            Table home = a.table(e).orElseThrow();
            List<Table> tables = new ArrayList<>(List.of(home));
            homes.forEach((ext, h) -> {
                if (h.sameAs(e)) {
                    tables.add(a.table(Ident.of(ext)).orElseThrow());
                }
            });
            List<Field> key = new ArrayList<>();
            Map<String, List<Ident>> keys = new LinkedHashMap<>();
            List<AppVersion.Use> uses = new ArrayList<>();
            Set<Field> defaults = new HashSet<>();
            for (Table t : tables) {
                keys.put(t.name().lower(), t.primaryKey().map(Constraint.PrimaryKey::columns).orElse(List.of()));
                for (Column c : t.columns()) {
                    Field f = fields.get(key(t.name(), c.name()));
                    if (f.key()) {
                        if (t == home) {
                            key.add(f);
                        }
                    } else if (f.type().supported()) {
                        uses.add(new AppVersion.Use(t.name(), c.name(), f));
                        if (f.hasDefault()) {
                            defaults.add(f);
                        }
                    }
                }
            }
            if (!key.isEmpty()) {
                // the key in the order of the primary key, as the other tables' key columns are listed
                List<Ident> pk = keys.get(home.name().lower());
                key.sort(java.util.Comparator.comparingInt(f -> indexOf(pk, f.name())));
            }
            boolean inserts = key.stream().noneMatch(f -> f.parent() != null && !f.parent().sameAs(f.table()));
            if (key.isEmpty() && uses.isEmpty()) {
                continue;
            }
            shapes.put(e.lower(), new AppVersion.Shape(e, home.name(), key, keys, uses, uses, defaults, inserts));
        }
        return new AppVersion("v" + plan.options().appVersion(), shapes, false);
    }

    private static int indexOf(List<Ident> columns, Ident name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).sameAs(name)) {
                return i;
            }
        }
        return columns.size();
    }

    private static AppVersion next(AppVersion prev, AppReleaseStep release, Context ctx) {
        Map<String, List<AppVersion.Use>> reads = uses(release.reads(), release, ctx);
        Map<String, List<AppVersion.Use>> writes = uses(release.writes(), release, ctx);
        Map<String, Ident> switched = new LinkedHashMap<>(); // entity -> its new table name
        for (String name : concat(release.reads(), release.writes())) {
            if (name.indexOf('.') < 0) {
                Ident was = ctx.renamedTables().get(name.toLowerCase(Locale.ROOT));
                if (was == null) {
                    throw StrategistException.invalid("rehearse: release " + release.appVersion() + " uses table "
                            + name + ", which the rehearsal cannot map to a table of State A");
                }
                switched.put(was.lower(), Ident.of(name));
            }
        }
        Map<String, AppVersion.Shape> shapes = new LinkedHashMap<>();
        for (AppVersion.Shape s : prev.tables().values()) {
            if (release.action().contains(STOP_USING_TABLE)
                    && ctx.droppedTables().stream().anyMatch(d -> d.sameAs(s.entity()) || d.sameAs(s.table()))) {
                continue; // the version no longer uses the table
            }
            String e = s.entity().lower();
            List<AppVersion.Use> given = writes.getOrDefault(e, List.of());
            List<AppVersion.Use> r = replace(s.reads(), reads.getOrDefault(e, List.of()), List.of());
            List<AppVersion.Use> w = replace(s.writes(), given, reads.getOrDefault(e, List.of()));
            Set<Field> defaults = new HashSet<>(s.defaults());
            given.forEach(u -> defaults.remove(u.field())); // a release names what it writes explicitly
            Ident table = s.table();
            Ident newName = switched.get(e);
            if (newName != null) {
                r = renamed(r, s.table(), newName);
                w = renamed(w, s.table(), newName);
                table = newName;
            }
            AppVersion.Shape next = s.with(table, r, w, defaults);
            shapes.put(e, next.withKeys(keys(next, ctx)));
        }
        boolean retries = prev.retriesOnResultTypeChange() || "accept_new_type".equals(release.action());
        boolean newLabels = prev.writesRenamedLabels() || release.action().contains(WRITE_NEW_VALUE);
        return new AppVersion(release.appVersion(), shapes, retries, newLabels);
    }

    private static List<String> concat(List<String> x, List<String> y) {
        List<String> out = new ArrayList<>(x);
        out.addAll(y);
        return out;
    }

    private static List<AppVersion.Use> renamed(List<AppVersion.Use> uses, Ident from, Ident to) {
        return uses.stream().map(u -> u.table().sameAs(from) ? new AppVersion.Use(to, u.column(), u.field()) : u)
                .toList();
    }

    /**
     * The key columns of every table the version uses for the entity: its own table's are the key's; another
     * table (a split's new table, a move's target) is keyed by its primary key, column for column.
     */
    private static Map<String, List<Ident>> keys(AppVersion.Shape s, Context ctx) {
        Map<String, List<Ident>> out = new LinkedHashMap<>(s.keys());
        out.put(s.table().lower(), s.key().stream().map(Field::name).toList());
        for (AppVersion.Use u : concatUses(s.reads(), s.writes())) {
            String t = u.table().lower();
            if (out.containsKey(t)) {
                continue;
            }
            Optional<Table> table = ctx.b().table(u.table()).or(() -> ctx.a().table(u.table()));
            List<Ident> pk = table.flatMap(Table::primaryKey).map(Constraint.PrimaryKey::columns).orElse(List.of());
            if (pk.size() != s.key().size() || pk.isEmpty()) {
                throw StrategistException.invalid("rehearse: " + u.table() + " holds " + s.entity() + "'s "
                        + u.field().name() + " but is not keyed like it (a primary key of " + s.key().size()
                        + " column(s)); the simulated clients cannot find the row");
            }
            out.put(t, pk);
        }
        return out;
    }

    private static List<AppVersion.Use> concatUses(List<AppVersion.Use> x, List<AppVersion.Use> y) {
        List<AppVersion.Use> out = new ArrayList<>(x);
        out.addAll(y);
        return out;
    }

    /** {@code current} with every use of a field named in {@code given} or {@code other} replaced by {@code given}'s. */
    private static List<AppVersion.Use> replace(List<AppVersion.Use> current, List<AppVersion.Use> given,
                                                List<AppVersion.Use> other) {
        List<AppVersion.Use> out = new ArrayList<>();
        List<Field> touched = new ArrayList<>();
        given.forEach(u -> touched.add(u.field()));
        other.forEach(u -> touched.add(u.field()));
        List<Field> placed = new ArrayList<>();
        for (AppVersion.Use u : current) {
            if (!touched.contains(u.field())) {
                out.add(u);
            } else if (!placed.contains(u.field())) {
                placed.add(u.field());
                given.stream().filter(g -> g.field().equals(u.field())).forEach(out::add);
            }
        }
        given.stream().filter(g -> !placed.contains(g.field())).forEach(out::add);
        return out;
    }

    /** The columns a release names ({@code table.column}), by the entity of the field each carries. */
    private static Map<String, List<AppVersion.Use>> uses(List<String> columns, AppReleaseStep release, Context ctx) {
        Map<String, List<AppVersion.Use>> out = new LinkedHashMap<>();
        for (String qualified : columns) {
            int dot = qualified.lastIndexOf('.');
            if (dot < 0) {
                continue; // a table by itself: the entity switches to that name (see next)
            }
            Field f = ctx.byColumn().get(qualified.toLowerCase(Locale.ROOT));
            if (f == null) {
                throw StrategistException.invalid("rehearse: release " + release.appVersion() + " uses " + qualified
                        + ", which the rehearsal cannot map to a column of State A");
            }
            Ident table = Ident.of(qualified.substring(0, dot));
            Ident column = Ident.of(qualified.substring(dot + 1));
            out.computeIfAbsent(entityOf(f, ctx).lower(), k -> new ArrayList<>())
                    .add(new AppVersion.Use(table, column, f));
        }
        return out;
    }

    /** The entity a field belongs to: its table, or the table its 1:1 table belongs to. */
    private static Ident entityOf(Field f, Context ctx) {
        Table t = ctx.a().table(f.table()).orElseThrow();
        return homes(ctx.a(), List.of(t.name())).getOrDefault(t.name().lower(), t.name());
    }

    private static String key(Ident table, Ident column) {
        return table.lower() + "." + column.lower();
    }

    /** The release steps, by step number, with the version each rolls out. */
    Map<Integer, AppVersion> byStep() {
        Map<Integer, AppVersion> out = new LinkedHashMap<>();
        for (int i = 0; i < releases.size(); i++) {
            out.put(releases.get(i).number(), versions.get(i + 1));
        }
        return out;
    }

    AppVersion last() {
        return versions.get(versions.size() - 1);
    }
}
