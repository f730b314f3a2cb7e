package dev.migrationstrategist.input;

import dev.migrationstrategist.error.StrategistException;
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
import dev.migrationstrategist.change.DropDefault;
import dev.migrationstrategist.change.DropDomainCheck;
import dev.migrationstrategist.change.DropIndex;
import dev.migrationstrategist.change.DropNotNull;
import dev.migrationstrategist.change.DropTable;
import dev.migrationstrategist.change.RenameColumn;
import dev.migrationstrategist.change.RenameTable;
import dev.migrationstrategist.change.SetDefault;
import dev.migrationstrategist.change.SetNotNull;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.DomainType;
import dev.migrationstrategist.schema.EnumType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The difference between two schema states as changes of the existing kinds, ordered so that each one is valid
 * against the state the earlier ones lead to (renames, enum values, dropped indexes, new tables, new columns, column
 * changes, new indexes and constraints, foreign keys, domain checks, dropped columns, dropped tables). Pure: no I/O.
 *
 * <p>Renames cannot be told from a drop and an add, so they come as {@link Hints}; a column (or table) that
 * disappears while another of the same type (or the same columns) appears without a hint is refused, never planned
 * as drop + add. A difference no change kind expresses (a dropped or changed constraint, a reordered column, a new
 * enum type, ...) is refused with one line naming the object.
 */
public final class SchemaDiff {
    private static final Pattern COLUMN_HINT = Pattern.compile("\\s*([^.=\\s]+)\\s*\\.\\s*([^.=\\s]+)\\s*=\\s*([^.=\\s]+)\\s*");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern KEY_NOISE = Pattern.compile("[\\s`\"]");
    private static final Pattern TABLE_HINT = Pattern.compile("\\s*([^.=\\s]+)\\s*=\\s*([^.=\\s]+)\\s*");

    /** A column rename hint: {@code table.column=newName} ({@code table} by its name in State A or in State B). */
    public record ColumnRename(Ident table, Ident column, Ident newName) {
    }

    /** Rename hints: tables ({@code old=new}) and columns ({@code table.old=new}). */
    public record Hints(Map<Ident, Ident> tables, List<ColumnRename> columns) {
        public Hints {
            tables = Map.copyOf(tables);
            columns = List.copyOf(columns);
        }

        public static Hints none() {
            return new Hints(Map.of(), List.of());
        }

        /** Parses {@code --rename TABLE.OLD=NEW} and {@code --rename-table OLD=NEW} values; one line on a bad one. */
        public static Hints parse(List<String> columnHints, List<String> tableHints) {
            Map<Ident, Ident> tables = new LinkedHashMap<>();
            for (String hint : tableHints) {
                Matcher m = TABLE_HINT.matcher(hint);
                if (!m.matches()) {
                    throw StrategistException.invalidSetting("rename table", " " + hint + ": expected OLD=NEW");
                }
                tables.put(Ident.of(m.group(1)), Ident.of(m.group(2)));
            }
            List<ColumnRename> columns = new ArrayList<>();
            for (String hint : columnHints) {
                Matcher m = COLUMN_HINT.matcher(hint);
                if (!m.matches()) {
                    throw StrategistException.invalidSetting("rename", " " + hint + ": expected TABLE.OLD=NEW");
                }
                columns.add(new ColumnRename(Ident.of(m.group(1)), Ident.of(m.group(2)), Ident.of(m.group(3))));
            }
            return new Hints(tables, columns);
        }
    }

    private final Schema to;
    private final Hints hints;
    private final List<Change> out = new ArrayList<>();
    /** State A with the changes emitted so far applied. */
    private Schema state;
    /** table name in B (lower case) → (old column lower case → new name), for comparing expressions. */
    private final Map<String, Map<String, String>> renamed = new LinkedHashMap<>();
    /** table name in B (lower case) → columns whose type changes (lower case). */
    private final Map<String, java.util.Set<String>> typeChanged = new LinkedHashMap<>();

    private SchemaDiff(Schema from, Schema to, Hints hints) {
        this.state = from;
        this.to = to;
        this.hints = hints;
    }

    /** The changes that lead from {@code from} to {@code to}; throws {@code StrategistException} on what they cannot. */
    public static List<Change> diff(Schema from, Schema to, Hints hints) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        SchemaDiff d = new SchemaDiff(inSchemasOf(from, to), to, hints == null ? Hints.none() : hints);
        d.run();
        return List.copyOf(d.out);
    }

    /**
     * State A's tables in the schemas State B speaks of: the current schema and each schema a table of State B is
     * qualified with. {@code plan --db} reads every schema of a PostgreSQL database; a State B file of the app's own
     * schema says nothing about the others, and must not drop their tables.
     */
    private static Schema inSchemasOf(Schema from, Schema to) {
        java.util.Set<String> schemas = new java.util.HashSet<>();
        to.tables().forEach(t -> schemas.add(t.name().schema()));
        if (from.tables().stream().allMatch(t -> t.name().schema() == null || schemas.contains(t.name().schema()))) {
            return from;
        }
        return new Schema(from.tables().stream()
                .filter(t -> t.name().schema() == null || schemas.contains(t.name().schema())).toList(),
                from.enums(), from.domains(), from.dependants());
    }

    private void emit(Change change) {
        out.add(change);
        state = change.applyTo(state);
    }

    private void run() {
        renameTables();
        renameColumns();
        List<Table> dropped = state.tables().stream().filter(t -> to.table(t.name()).isEmpty()).toList();
        List<Table> created = to.tables().stream().filter(t -> state.table(t.name()).isEmpty()).toList();
        refuseTableLookalikes(dropped, created);
        List<Table> kept = to.tables().stream().filter(t -> state.table(t.name()).isPresent()).toList();
        Map<String, List<Column>> droppedColumns = new LinkedHashMap<>();
        for (Table b : kept) {
            Table a = state.table(b.name()).orElseThrow();
            droppedColumns.put(b.name().lower(), checkColumns(a, b));
        }
        enums();
        List<DomainType.Check> domainAdds = domains();
        for (Table b : kept) {
            dropIndexes(state.table(b.name()).orElseThrow(), b, droppedColumns.get(b.name().lower()));
        }
        createTables(created);
        for (Table b : kept) {
            Table a = state.table(b.name()).orElseThrow();
            b.columns().stream().filter(c -> a.column(c.name()).isEmpty()).forEach(c -> emit(new AddColumn(a.name(), c)));
        }
        for (Table b : kept) {
            changeColumns(b);
        }
        for (Table b : kept) {
            createIndexes(b);
        }
        for (Table b : kept) {
            addConstraints(b, droppedColumns.get(b.name().lower()), false);
        }
        for (Table b : kept) {
            addConstraints(b, droppedColumns.get(b.name().lower()), true);
        }
        for (DomainType.Check check : domainAdds) {
            emit(new AddDomainCheck(domainOf(check), check.name(), check.expression()));
        }
        for (Table b : kept) {
            for (Column c : droppedColumns.get(b.name().lower())) {
                emit(new DropColumn(b.name(), c.name()));
            }
        }
        dropTables(dropped);
    }

    // ---- renames ---------------------------------------------------------------------------------------------

    private void renameTables() {
        hints.tables().forEach((old, now) -> {
            Table a = state.table(old).orElseThrow(() -> StrategistException.invalidSetting("rename table", " " + old + "=" + now + ": State A has no table " + old));
            if (to.table(now).isEmpty()) {
                throw StrategistException.invalidSetting("rename table", " " + old + "=" + now + ": State B has no table " + now);
            }
            if (to.table(old).isPresent() || state.table(now).isPresent()) {
                throw StrategistException.invalidSetting("rename table", " " + old + "=" + now + ": both states have table "
                        + (to.table(old).isPresent() ? old : now));
            }
            emit(new RenameTable(a.name(), to.table(now).orElseThrow().name()));
        });
    }

    private void renameColumns() {
        for (ColumnRename hint : hints.columns()) {
            String where = " " + hint.table() + "." + hint.column() + "=" + hint.newName();
            Ident table = hints.tables().entrySet().stream().filter(e -> e.getKey().sameAs(hint.table()))
                    .map(Map.Entry::getValue).findFirst().orElse(hint.table());
            Table a = state.table(table).orElseThrow(() -> StrategistException.invalidSetting("rename", where + ": State A has no table " + hint.table()));
            Table b = to.table(a.name()).orElseThrow(() -> StrategistException.invalidSetting("rename", where + ": State B has no table " + a.name()));
            Column old = a.column(hint.column()).orElseThrow(() -> StrategistException.invalidSetting("rename", where + ": table " + a.name() + " has no column " + hint.column() + " in State A"));
            Column now = b.column(hint.newName()).orElseThrow(() -> StrategistException.invalidSetting("rename", where + ": table " + b.name() + " has no column " + hint.newName() + " in State B"));
            if (b.column(old.name()).isPresent() || a.column(now.name()).isPresent()) {
                throw StrategistException.invalidSetting("rename", where + ": both states of table " + a.name() + " have column "
                        + (b.column(old.name()).isPresent() ? old.name() : now.name()));
            }
            emit(new RenameColumn(a.name(), old.name(), now.name(),
                    old.type().sameTypeAs(now.type()) ? null : now.type()));
            renamed.computeIfAbsent(b.name().lower(), k -> new LinkedHashMap<>())
                    .put(old.name().lower(), now.name().lower());
        }
    }

    private void refuseTableLookalikes(List<Table> dropped, List<Table> created) {
        for (Table gone : dropped) {
            for (Table added : created) {
                if (sameColumns(gone, added)) {
                    throw StrategistException.invalid("table " + gone.name() + " disappears and table " + added.name()
                            + " with the same columns appears: a rename is not drop + add; give --rename-table "
                            + gone.name() + "=" + added.name());
                }
            }
        }
    }

    private static boolean sameColumns(Table a, Table b) {
        if (a.columns().size() != b.columns().size()) {
            return false;
        }
        for (Column c : a.columns()) {
            Optional<Column> other = b.column(c.name());
            if (other.isEmpty() || !other.get().type().sameTypeAs(c.type())) {
                return false;
            }
        }
        return true;
    }

    /** Strategy, key (spelling aside) and parent; a bound is the server's own spelling of the user's and not compared. */
    private static boolean samePartitioning(Table a, Table b) {
        var pa = a.partitioning();
        var pb = b.partitioning();
        return java.util.Objects.equals(
                pa.strategy() == null ? null : SPACES.matcher(pa.strategy()).replaceAll(" "),
                pb.strategy() == null ? null : SPACES.matcher(pb.strategy()).replaceAll(" "))
                && java.util.Objects.equals(keyText(pa.key()), keyText(pb.key()))
                && (pa.parent() == null ? pb.parent() == null : pb.parent() != null && pa.parent().sameAs(pb.parent()));
    }

    private static String keyText(String key) {
        return key == null ? null : KEY_NOISE.matcher(key.toLowerCase(java.util.Locale.ROOT)).replaceAll("");
    }

    private static String partitioning(Table t) {
        var p = t.partitioning();
        if (p.isNone()) {
            return "not partitioned";
        }
        return (p.partitioned() ? "partitioned by " + p.strategy() + " (" + p.key() + ")" : "")
                + (p.partitioned() && p.isPartition() ? ", " : "")
                + (p.isPartition() ? "partition of " + p.parent() : "");
    }

    /** The columns of {@code a} that B drops, after refusing look-alike renames and reordered columns. */
    private List<Column> checkColumns(Table a, Table b) {
        if (!samePartitioning(a, b)) {
            throw StrategistException.invalid("table " + a.name() + ": its partitioning changes (" + partitioning(a)
                    + " -> " + partitioning(b) + "); no change kind partitions a table, attaches or detaches a"
                    + " partition");
        }
        List<Column> dropped = a.columns().stream().filter(c -> b.column(c.name()).isEmpty()).toList();
        List<Column> added = b.columns().stream().filter(c -> a.column(c.name()).isEmpty()).toList();
        for (Column gone : dropped) {
            for (Column now : added) {
                if (gone.type().sameTypeAs(now.type())) {
                    throw StrategistException.invalid("table " + a.name() + ": column " + gone.name()
                            + " disappears and column " + now.name() + " of the same type (" + now.type()
                            + ") appears: a rename is not drop + add; give --rename " + a.name() + "." + gone.name()
                            + "=" + now.name());
                }
            }
        }
        // a renamed column is a new column at the end on the server (expand/contract): its place is not compared
        Map<String, String> renames = renamed.getOrDefault(b.name().lower(), Map.of());
        List<String> orderA = a.columns().stream().filter(c -> b.column(c.name()).isPresent())
                .map(c -> c.name().lower()).filter(n -> !renames.containsValue(n)).toList();
        List<String> orderB = b.columns().stream().filter(c -> a.column(c.name()).isPresent())
                .map(c -> c.name().lower()).filter(n -> !renames.containsValue(n)).toList();
        if (!orderA.equals(orderB)) {
            throw StrategistException.invalid("table " + a.name() + ": columns are reordered (" + String.join(", ", orderA)
                    + " -> " + String.join(", ", orderB) + "); no change kind reorders columns");
        }
        return dropped;
    }

    // ---- enum types and domains --------------------------------------------------------------------------------

    private void enums() {
        for (EnumType a : state.enums()) {
            if (to.enumType(a.name()).isEmpty()) {
                throw StrategistException.invalid("enum type " + a.name() + " is dropped; no change kind drops an enum type");
            }
        }
        for (EnumType b : to.enums()) {
            EnumType a = state.enumType(b.name()).orElseThrow(() -> StrategistException.invalid(
                    "enum type " + b.name() + " is new; no change kind creates an enum type"));
            List<String> kept = b.values().stream().filter(a.values()::contains).toList();
            if (!kept.equals(a.values())) {
                throw StrategistException.invalid("enum type " + a.name() + ": values are removed or reordered ("
                        + String.join(", ", a.values()) + " -> " + String.join(", ", b.values())
                        + "); only added values can be planned");
            }
            if (kept.isEmpty()) {
                continue;
            }
            int first = b.values().indexOf(kept.get(0));
            for (int i = first - 1; i >= 0; i--) {
                emit(AddEnumValue.ofType(a.name(), b.values().get(i), b.values().get(i + 1), null));
            }
            for (int i = first + 1; i < b.values().size(); i++) {
                String v = b.values().get(i);
                if (!a.values().contains(v)) {
                    emit(AddEnumValue.ofType(a.name(), v, null, b.values().get(i - 1)));
                }
            }
        }
    }

    private final Map<DomainType.Check, Ident> checkDomains = new java.util.IdentityHashMap<>();

    private Ident domainOf(DomainType.Check check) {
        return checkDomains.get(check);
    }

    /** Emits the dropped domain checks; returns the added ones (planned after the column changes). */
    private List<DomainType.Check> domains() {
        for (DomainType a : state.domains()) {
            if (to.domain(a.name()).isEmpty()) {
                throw StrategistException.invalid("domain " + a.name() + " is dropped; no change kind drops a domain");
            }
        }
        List<DomainType.Check> adds = new ArrayList<>();
        for (DomainType b : to.domains()) {
            DomainType a = state.domain(b.name()).orElseThrow(() -> StrategistException.invalid(
                    "domain " + b.name() + " is new; no change kind creates a domain"));
            if (!a.base().sameTypeAs(b.base()) || a.notNull() != b.notNull()
                    || !sameText(a.defaultExpression(), b.defaultExpression())) {
                throw StrategistException.invalid("domain " + a.name()
                        + ": its type, NOT NULL or default changes; only its checks can be planned");
            }
            for (DomainType.Check c : a.checks()) {
                Optional<DomainType.Check> other = b.check(c.name());
                if (other.isEmpty()) {
                    emit(new DropDomainCheck(a.name(), c.name()));
                } else if (!sameText(c.expression(), other.get().expression())) {
                    throw StrategistException.invalid("domain " + a.name() + ": check " + c.name()
                            + " changes its expression; no change kind alters a check");
                }
            }
            for (DomainType.Check c : b.checks()) {
                if (a.check(c.name()).isEmpty()) {
                    adds.add(c);
                    checkDomains.put(c, a.name());
                }
            }
        }
        return adds;
    }

    // ---- tables ------------------------------------------------------------------------------------------------

    private void createTables(List<Table> created) {
        List<Table> pending = new ArrayList<>(created);
        while (!pending.isEmpty()) {
            Table ready = pending.stream().filter(t -> referencesExist(t, pending)).findFirst().orElseThrow(() ->
                    StrategistException.invalid("new tables " + String.join(", ", pending.stream()
                            .map(t -> t.name().name()).toList()) + " reference each other in a cycle; create them"
                            + " in two migrations"));
            pending.remove(ready);
            emit(new CreateTable(ready));
        }
    }

    private static boolean referencesExist(Table t, List<Table> pending) {
        return t.constraints().stream().filter(Constraint.ForeignKey.class::isInstance)
                .map(c -> ((Constraint.ForeignKey) c).referencedTable())
                .noneMatch(ref -> !ref.sameAs(t.name()) && pending.stream().anyMatch(p -> p.name().sameAs(ref)));
    }

    private void dropTables(List<Table> dropped) {
        List<Table> pending = new ArrayList<>(dropped);
        while (!pending.isEmpty()) {
            Table next = pending.stream().filter(t -> pending.stream().noneMatch(other -> other != t
                    && references(other, t.name()))).findFirst().orElse(pending.get(0));
            pending.remove(next);
            emit(new DropTable(next.name()));
        }
    }

    private static boolean references(Table t, Ident table) {
        return t.constraints().stream().anyMatch(c -> c instanceof Constraint.ForeignKey fk
                && fk.referencedTable().sameAs(table));
    }

    // ---- columns -----------------------------------------------------------------------------------------------

    private void changeColumns(Table b) {
        Ident table = state.table(b.name()).orElseThrow().name();
        for (Column want : b.columns()) {
            Column have = state.table(table).flatMap(t -> t.column(want.name())).orElseThrow();
            Ident col = have.name();
            boolean defaultChanges = !sameText(have.defaultExpression(), want.defaultExpression());
            boolean typeChanges = !have.type().sameTypeAs(want.type());
            if (defaultChanges && want.defaultExpression() == null) {
                emit(new DropDefault(table, col));
            }
            if (have.nullable() != want.nullable() && want.nullable()) {
                emit(new DropNotNull(table, col));
            }
            // A type change may be an expand/contract that swaps in a new column at the contract: what is set on
            // the column before it is carried over, what would be set after it would act on the old column.
            if (defaultChanges && want.defaultExpression() != null) {
                emit(new SetDefault(table, col, want.defaultExpression()));
            }
            boolean byNewKey = b.primaryKey().filter(pk -> pk.covers(col)).isPresent()
                    && state.table(table).orElseThrow().primaryKey().isEmpty();
            if (have.nullable() && !want.nullable() && !byNewKey) {
                emit(new SetNotNull(table, col));
            }
            if (typeChanges) {
                emit(new ChangeColumnType(table, col, want.type()));
                typeChanged.computeIfAbsent(b.name().lower(), k -> new java.util.HashSet<>()).add(col.lower());
            }
        }
    }

    // ---- indexes -----------------------------------------------------------------------------------------------

    private void dropIndexes(Table a, Table b, List<Column> droppedColumns) {
        for (Index index : a.indexes()) {
            if (droppedColumns.stream().anyMatch(c -> index.covers(c.name()))) {
                continue; // the dropped column takes it along
            }
            Optional<Index> other = b.indexes().stream().filter(i -> i.name().sameAs(index.name())).findFirst();
            if (other.isEmpty()) {
                if (isConstraintIndex(b, index)) {
                    continue;
                }
                emit(new DropIndex(a.name(), index.name(), false));
            } else if (!sameIndex(b.name(), index, other.get())) {
                throw StrategistException.invalid("table " + a.name() + ": index " + index.name()
                        + " changes its definition; drop it and create the new one under another name");
            }
        }
    }

    /** MySQL shows a unique constraint or a foreign key's own index as an index of the same name. */
    private static boolean isConstraintIndex(Table t, Index index) {
        return t.constraints().stream().anyMatch(c -> c.name() != null && c.name().sameAs(index.name()));
    }

    private void createIndexes(Table b) {
        Table a = state.table(b.name()).orElseThrow();
        for (Index index : b.indexes()) {
            if (a.indexes().stream().anyMatch(i -> i.name().sameAs(index.name()))) {
                continue;
            }
            if (isConstraintIndex(b, index) && a.constraints().stream().noneMatch(c -> c.name() != null
                    && c.name().sameAs(index.name()))) {
                continue; // comes with its constraint
            }
            String beyondPlain = beyondPlainColumns(index);
            if (beyondPlain != null) {
                throw StrategistException.invalid("table " + b.name() + ": index " + index.name() + " "
                        + beyondPlain + "; create_index plans plain column indexes only");
            }
            refuseOnTypeChange(b.name(), "index " + index.name(), index.columns(), null);
            emit(new CreateIndex(a.name(), index.name(), index.columns(), index.unique(), index.method(), false));
        }
    }

    private boolean sameIndex(Ident tableB, Index a, Index b) {
        return a.unique() == b.unique() && sameNames(a.columns(), b.columns())
                && Objects.equals(method(a), method(b))
                && sameText(renamedIn(tableB, a.where()), b.where())
                && sameKeys(tableB, a.elements(), b.elements()) && sameNames(a.include(), b.include())
                && a.nullsNotDistinct() == b.nullsNotDistinct() && a.with().equals(b.with())
                && a.invisible() == b.invisible();
    }

    /** Key by key: the same column or expression (text compared loosely), operator class, collation and order. */
    private boolean sameKeys(Ident tableB, List<dev.migrationstrategist.schema.IndexKey> a,
                             List<dev.migrationstrategist.schema.IndexKey> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            var x = a.get(i);
            var y = b.get(i);
            boolean sameKey = x.column() != null ? y.column() != null && sameNames(List.of(x.column()),
                    List.of(y.column())) : y.expression() != null && sameText(renamedIn(tableB, x.expression()),
                    y.expression());
            if (!sameKey || !sameText(lastPart(x.opclass()), lastPart(y.opclass()))
                    || !sameText(x.collation(), y.collation())
                    || x.descending() != y.descending() || !Objects.equals(x.nulls(), y.nulls())
                    || !Objects.equals(x.prefixLength(), y.prefixLength())
                    || !x.opclassParams().equals(y.opclassParams())) {
                return false;
            }
        }
        return true;
    }

    /** {@code public.gin_trgm_ops} as {@code gin_trgm_ops}: a dump qualifies what a hand-written file may not. */
    private static String lastPart(String name) {
        return name == null ? null : name.substring(name.lastIndexOf('.') + 1);
    }

    /** What an index has beyond plain columns in ascending order (which create_index builds), or null. */
    private static String beyondPlainColumns(Index index) {
        if (index.elements().stream().anyMatch(k -> k.expression() != null)) {
            return "is on an expression";
        }
        if (index.where() != null) {
            return "is on a WHERE clause";
        }
        if (!index.plainColumns()) {
            return "has keys with an order, operator class, collation or prefix length";
        }
        if (!index.include().isEmpty() || index.nullsNotDistinct() || !index.with().isEmpty() || index.invisible()) {
            return "has INCLUDE columns, NULLS NOT DISTINCT, storage parameters or visibility";
        }
        return null;
    }

    // ---- constraints -------------------------------------------------------------------------------------------

    private void addConstraints(Table b, List<Column> droppedColumns, boolean foreignKeys) {
        Table a = state.table(b.name()).orElseThrow();
        if (!foreignKeys) {
            for (Constraint c : a.constraints()) {
                boolean goesWithColumn = droppedColumns.stream().anyMatch(d -> c.covers(d.name()));
                if (!goesWithColumn && b.constraints().stream().noneMatch(o -> sameConstraint(b.name(), c, o))) {
                    throw StrategistException.invalid("table " + a.name() + ": " + describe(c)
                            + " is dropped or changed in State B; no change kind drops a constraint");
                }
            }
        }
        for (Constraint c : b.constraints()) {
            if (a.constraints().stream().anyMatch(o -> sameConstraint(b.name(), o, c))) {
                continue;
            }
            if ((c instanceof Constraint.ForeignKey) == foreignKeys) {
                refuseOnTypeChange(b.name(), describe(c), c.columns(),
                        c instanceof Constraint.Check ck ? ck.expression() : null);
            }
            if (c instanceof Constraint.ForeignKey fk && foreignKeys) {
                emit(new AddForeignKey(a.name(), fk.name(), fk.columns(), fk.referencedTable(), fk.referencedColumns(),
                        fk.onDelete(), fk.onUpdate()));
            } else if (c instanceof Constraint.PrimaryKey pk && !foreignKeys) {
                emit(new AddPrimaryKey(a.name(), pk.name(), pk.columns()));
            } else if (c instanceof Constraint.Unique u && !foreignKeys) {
                emit(new AddUnique(a.name(), u.name(), u.columns()));
            } else if (c instanceof Constraint.Check ck && !foreignKeys) {
                emit(new AddCheck(a.name(), ck.name(), ck.expression()));
            }
        }
    }

    /**
     * Refuses a new index or constraint on a column whose type changes in the same diff: the type change may swap in
     * a new column at the contract, after the index or constraint was built on the old one.
     */
    private void refuseOnTypeChange(Ident tableB, String what, List<Ident> columns, String expression) {
        for (String column : typeChanged.getOrDefault(tableB.lower(), java.util.Set.of())) {
            boolean covers = columns.stream().anyMatch(c -> c.lower().equals(column)) || (expression != null
                    && Pattern.compile("(?i)(?<![A-Za-z0-9_$])\"?" + Pattern.quote(column) + "\"?(?![A-Za-z0-9_$])")
                    .matcher(expression).find());
            if (covers) {
                throw StrategistException.invalid("table " + tableB + ": " + what + " is new on column " + column
                        + ", whose type changes too; plan the type change first (--to a state with the new type),"
                        + " then " + what);
            }
        }
    }

    private static String describe(Constraint c) {
        String kind = c instanceof Constraint.PrimaryKey ? "primary key"
                : c instanceof Constraint.Unique ? "unique constraint"
                : c instanceof Constraint.Check ? "check constraint" : "foreign key";
        return kind + " " + (c.name() != null ? c.name().name() : "on (" + String.join(", ",
                c.columns().stream().map(Ident::name).toList()) + ")");
    }

    /**
     * Same kind and definition; names must agree when both are known (a check a column rename rebuilt agrees under
     * the name the rename gives it: {@code age_ok} on {@code age} is rebuilt as {@code years_ok} on {@code years}).
     * Validity is not compared.
     */
    private boolean sameConstraint(Ident tableB, Constraint a, Constraint b) {
        if (a.name() != null && b.name() != null && !a.name().sameAs(b.name()) && !rebuiltCheck(tableB, a, b)) {
            return false;
        }
        if (a instanceof Constraint.PrimaryKey x) {
            return b instanceof Constraint.PrimaryKey y && sameNames(x.columns(), y.columns());
        }
        if (a instanceof Constraint.Unique x) {
            return b instanceof Constraint.Unique y && sameNames(x.columns(), y.columns());
        }
        if (a instanceof Constraint.Check x) {
            return b instanceof Constraint.Check y && sameText(renamedIn(tableB, x.expression()), y.expression());
        }
        Constraint.ForeignKey x = (Constraint.ForeignKey) a;
        return b instanceof Constraint.ForeignKey y && sameNames(x.columns(), y.columns())
                && x.referencedTable().sameAs(y.referencedTable())
                && (x.referencedColumns().isEmpty() || y.referencedColumns().isEmpty()
                || sameNames(x.referencedColumns(), y.referencedColumns()))
                && Objects.equals(action(x.onDelete()), action(y.onDelete()))
                && Objects.equals(action(x.onUpdate()), action(y.onUpdate()));
    }

    private static String action(String a) {
        return a == null || a.equalsIgnoreCase("NO ACTION") ? null : a.toUpperCase(Locale.ROOT);
    }

    // ---- text helpers ------------------------------------------------------------------------------------------

    /** An expression of State A with the hinted column renames of {@code tableB} applied, for comparing. */
    /** True when {@code a} is check {@code b} as a rename of one of the table's columns rebuilds it. */
    private boolean rebuiltCheck(Ident tableB, Constraint a, Constraint b) {
        Map<String, String> renames = renamed.get(tableB.lower());
        return a instanceof Constraint.Check && b instanceof Constraint.Check && renames != null
                && renames.entrySet().stream().anyMatch(e -> dev.migrationstrategist.schema.Names.forRenamedColumn(
                        b.name(), Ident.of(e.getKey()), Ident.of(e.getValue())).sameAs(a.name()));
    }

    private String renamedIn(Ident tableB, String expression) {
        Map<String, String> renames = renamed.get(tableB.lower());
        if (expression == null || renames == null) {
            return expression;
        }
        String text = expression;
        for (Map.Entry<String, String> e : renames.entrySet()) {
            text = text.replaceAll("(?i)(?<![A-Za-z0-9_$\"])\"?" + Pattern.quote(e.getKey()) + "\"?(?![A-Za-z0-9_$])",
                    Matcher.quoteReplacement(e.getValue()));
        }
        return text;
    }

    private static boolean sameNames(List<Ident> a, List<Ident> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).sameAs(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Expressions compared without whitespace, case, redundant outer parentheses or identifier quotes. */
    static boolean sameText(String a, String b) {
        return Objects.equals(normal(a), normal(b));
    }

    private static String normal(String text) {
        if (text == null) {
            return null;
        }
        String t = SPACES.matcher(text).replaceAll("").replace("\"", "").toLowerCase(Locale.ROOT);
        while (t.startsWith("(") && t.endsWith(")") && balanced(t.substring(1, t.length() - 1))) {
            t = t.substring(1, t.length() - 1);
        }
        return t;
    }

    private static boolean balanced(String t) {
        int depth = 0;
        for (char c : t.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    /** The index method, the default b-tree as null (a catalog says btree where DDL says nothing). */
    private static String method(Index index) {
        String m = index.method() == null ? null : index.method().toLowerCase(Locale.ROOT);
        return "btree".equals(m) ? null : m;
    }
}
