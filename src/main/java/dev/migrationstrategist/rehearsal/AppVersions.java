package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.AddColumn;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.ChangeColumnType;
import dev.migrationstrategist.change.DropColumn;
import dev.migrationstrategist.change.RenameColumn;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.plan.AppReleaseStep;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The app versions of a plan: v1.0 uses every column of State A; each {@link AppReleaseStep} defines the next
 * version from the previous one by replacing, for every field it names, the columns read and written. A column is
 * mapped to its field through the plan's changes: a {@link RenameColumn}'s new name carries the old column's field;
 * a {@link ChangeColumnType} keeps the name. A release that stops using a column ({@link DropColumn}'s) takes it out
 * of the version's reads and writes.
 *
 * @param versions the versions in rollout order, v1.0 first
 * @param releases the release step that rolls out {@code versions.get(i + 1)}, by index i
 * @param traffic  the tables the simulated clients use
 */
record AppVersions(List<AppVersion> versions, List<AppReleaseStep> releases, List<Ident> traffic) {
    /** The change kinds whose app releases this version of the rehearsal can simulate. */
    static final List<String> COVERED = List.of("rename_column", "change_column_type", "add_column", "drop_column");

    static AppVersions derive(Plan plan, Dialect dialect) {
        Schema a = plan.before();
        List<AppReleaseStep> releases = plan.steps().stream().filter(AppReleaseStep.class::isInstance)
                .map(AppReleaseStep.class::cast).toList();
        if (!releases.isEmpty()) {
            for (Change c : plan.changes()) {
                if (!COVERED.contains(c.kind())) {
                    throw StrategistException.invalid("rehearse: " + c.kind() + " (" + c.describe() + ") is not"
                            + " covered yet: its plan has app releases the rehearsal cannot simulate (covered: "
                            + String.join(", ", COVERED) + ", and kinds whose plan has no app release)");
                }
            }
        }
        List<Ident> traffic = trafficTables(plan, a);
        Map<String, Field> fields = new LinkedHashMap<>();   // "table.column" (lower) -> field
        Map<String, Field> byColumn = new LinkedHashMap<>(); // the column names that carry a field
        for (Ident t : traffic) {
            Table table = a.table(t).orElseThrow();
            for (Column c : table.columns()) {
                Field f = Field.of(a, table, c, dialect);
                fields.put(key(t, c.name()), f);
                byColumn.put(key(t, c.name()), f);
            }
        }
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
            }
        }
        // every field object must be the narrowed one
        byColumn.replaceAll((k, v) -> fields.getOrDefault(key(v.table(), v.name()), v));
        for (Field f : fields.values()) {
            if (!f.type().supported() && !f.nullable() && !f.hasDefault()) {
                throw StrategistException.invalid("rehearse: " + f.table() + "." + f.name() + " is NOT NULL without"
                        + " a default and its type is not one the data generator covers yet");
            }
        }
        List<String> dropped = plan.changes().stream().filter(DropColumn.class::isInstance)
                .map(DropColumn.class::cast).map(d -> key(d.table(), d.column())).toList();
        List<AppVersion> versions = new ArrayList<>();
        versions.add(first(plan, traffic, fields, a));
        for (AppReleaseStep r : releases) {
            AppVersion next = next(versions.get(versions.size() - 1), r, byColumn, traffic);
            versions.add(r.action().contains(STOP_USING) ? without(next, dropped) : next);
        }
        return new AppVersions(versions, releases, traffic);
    }

    /** The action of the release after which the application no longer reads or writes a dropped column. */
    static final String STOP_USING = "stop_using_column";

    /** The version with the dropped columns taken out of its reads and writes. */
    private static AppVersion without(AppVersion v, List<String> dropped) {
        Map<String, AppVersion.Shape> shapes = new LinkedHashMap<>();
        for (AppVersion.Shape s : v.tables().values()) {
            shapes.put(s.table().lower(), new AppVersion.Shape(s.table(), s.key(),
                    s.reads().stream().filter(u -> !dropped.contains(key(s.table(), u.column()))).toList(),
                    s.writes().stream().filter(u -> !dropped.contains(key(s.table(), u.column()))).toList()));
        }
        return new AppVersion(v.name(), shapes, v.retriesOnResultTypeChange());
    }

    private static Field narrowed(Field f, DataType newType, Schema a, Dialect dialect) {
        ValueType to = ValueType.of(newType, a, dialect instanceof PostgresDialect);
        if (to.kind() != f.type().kind() || !to.supported()) {
            throw StrategistException.invalid("rehearse: " + f.table() + "." + f.name() + " " + f.type().kind()
                    .name().toLowerCase(Locale.ROOT) + " -> " + newType + ": a type change between kinds of"
                    + " values is not covered yet");
        }
        return f.withType(f.type().narrowest(to));
    }

    /** The plan's tables that exist in State A; each needs a single-column integer primary key. */
    private static List<Ident> trafficTables(Plan plan, Schema a) {
        List<Ident> out = new ArrayList<>();
        for (String name : plan.tables()) {
            a.table(Ident.of(name)).ifPresent(t -> out.add(t.name()));
        }
        if (out.isEmpty()) {
            a.tables().stream().filter(AppVersions::hasIntegerKey).findFirst().ifPresent(t -> out.add(t.name()));
        }
        if (out.isEmpty()) {
            throw StrategistException.invalid("rehearse: no table of State A to send traffic to (the change touches"
                    + " no existing table and none has a single-column integer primary key)");
        }
        for (Ident t : out) {
            if (!hasIntegerKey(a.table(t).orElseThrow())) {
                throw StrategistException.invalid("rehearse: table " + t + " needs a single-column integer primary"
                        + " key for the simulated clients (other keys are not covered yet)");
            }
        }
        return out;
    }

    static boolean hasIntegerKey(Table t) {
        return t.primaryKey().filter(pk -> pk.columns().size() == 1)
                .flatMap(pk -> t.column(pk.columns().get(0)))
                .map(c -> ValueType.of(c.type(), Schema.empty(), false).kind() == ValueType.Kind.INTEGER)
                .orElse(false);
    }

    private static AppVersion first(Plan plan, List<Ident> traffic, Map<String, Field> fields, Schema a) {
        Map<String, AppVersion.Shape> shapes = new LinkedHashMap<>();
        for (Ident t : traffic) {
            Table table = a.table(t).orElseThrow();
            List<AppVersion.Use> uses = new ArrayList<>();
            Field key = null;
            for (Column c : table.columns()) {
                Field f = fields.get(key(t, c.name()));
                if (f.key()) {
                    key = f;
                } else if (f.type().supported()) {
                    uses.add(new AppVersion.Use(c.name(), f));
                }
            }
            shapes.put(t.lower(), new AppVersion.Shape(t, key, uses, uses));
        }
        return new AppVersion("v" + plan.options().appVersion(), shapes, false);
    }

    private static AppVersion next(AppVersion prev, AppReleaseStep release, Map<String, Field> byColumn,
                                   List<Ident> traffic) {
        Map<String, List<AppVersion.Use>> reads = uses(release.reads(), byColumn, release);
        Map<String, List<AppVersion.Use>> writes = uses(release.writes(), byColumn, release);
        Map<String, AppVersion.Shape> shapes = new LinkedHashMap<>();
        for (Ident t : traffic) {
            AppVersion.Shape s = prev.shape(t);
            List<AppVersion.Use> r = replace(s.reads(), reads.getOrDefault(t.lower(), List.of()),
                    writes.getOrDefault(t.lower(), List.of()));
            List<AppVersion.Use> w = replace(s.writes(), writes.getOrDefault(t.lower(), List.of()),
                    reads.getOrDefault(t.lower(), List.of()));
            shapes.put(t.lower(), new AppVersion.Shape(t, s.key(), r, w));
        }
        boolean retries = prev.retriesOnResultTypeChange() || "accept_new_type".equals(release.action());
        return new AppVersion(release.appVersion(), shapes, retries);
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

    private static Map<String, List<AppVersion.Use>> uses(List<String> columns, Map<String, Field> byColumn,
                                                         AppReleaseStep release) {
        Map<String, List<AppVersion.Use>> out = new LinkedHashMap<>();
        for (String qualified : columns) {
            int dot = qualified.lastIndexOf('.');
            Field f = dot < 0 ? null : byColumn.get(qualified.toLowerCase(Locale.ROOT));
            if (f == null) {
                throw StrategistException.invalid("rehearse: release " + release.appVersion() + " uses " + qualified
                        + ", which the rehearsal cannot map to a column of State A");
            }
            Ident column = Ident.of(qualified.substring(dot + 1));
            out.computeIfAbsent(f.table().lower(), k -> new ArrayList<>()).add(new AppVersion.Use(column, f));
        }
        return out;
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
