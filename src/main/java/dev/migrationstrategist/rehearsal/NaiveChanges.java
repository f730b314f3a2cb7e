package dev.migrationstrategist.rehearsal;

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
import dev.migrationstrategist.change.MergeTable;
import dev.migrationstrategist.change.MoveColumns;
import dev.migrationstrategist.change.RenameColumn;
import dev.migrationstrategist.change.RenameEnumValue;
import dev.migrationstrategist.change.RenameTable;
import dev.migrationstrategist.change.SetDefault;
import dev.migrationstrategist.change.SetNotNull;
import dev.migrationstrategist.change.SplitTable;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.statement.AddColumns;
import dev.migrationstrategist.statement.AddConstraint;
import dev.migrationstrategist.statement.ColumnDefaults;
import dev.migrationstrategist.statement.ColumnRename;
import dev.migrationstrategist.statement.DefaultChange;
import dev.migrationstrategist.statement.DropColumns;
import dev.migrationstrategist.statement.DropDomainConstraint;
import dev.migrationstrategist.statement.RenameColumns;
import dev.migrationstrategist.statement.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The naive statements of a plan's changes, for the naive side of a phrase or a change file: what someone would
 * run without a plan, one direct DDL per change (the change's own ALTER, no lock timeout, no NOT VALID, no
 * CONCURRENTLY, no copy in batches), as typed statements the dialect renders. A split or a move creates the target
 * and drops the columns from the source; a merge adds the columns to the target and drops the source table: the
 * data itself is not copied (the naive side shows what happens to the running app, not a copy script).
 */
final class NaiveChanges {
    private NaiveChanges() {
    }

    /** The naive SQL of every change of {@code plan}, rendered by {@code dialect}. */
    static List<String> sql(Plan plan, Dialect dialect) {
        List<String> out = new ArrayList<>();
        Schema state = plan.before();
        for (Change c : plan.changes()) {
            Schema next = c.applyTo(state);
            for (Statement s : statements(c, state, next, dialect)) {
                String sql = dialect.render(s).strip();
                out.add(sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql); // as the user's SQL is run
            }
            state = next;
        }
        return out;
    }

    static List<Statement> statements(Change change, Schema a, Schema b, Dialect d) {
        if (change instanceof RenameColumn r) {
            List<Statement> out = new ArrayList<>(List.of(new RenameColumns(r.table(),
                    List.of(new ColumnRename(r.column(), r.newName())), null)));
            if (r.newType() != null) {
                Column renamed = column(a, r.table(), r.column()).withName(r.newName());
                out.add(d.changeTypeRebuilding(r.table(), renamed, r.newType()));
            }
            return out;
        }
        if (change instanceof AddColumn add) {
            return List.of(AddColumns.of(add.table(), add.column(), null));
        }
        if (change instanceof DropColumn drop) {
            return List.of(new DropColumns(drop.table(), List.of(drop.column()), null));
        }
        if (change instanceof SetNotNull s) {
            return List.of(d.setNotNullDirect(s.table(), column(a, s.table(), s.column())));
        }
        if (change instanceof DropNotNull s) {
            return List.of(d.dropNotNullKeepingDefault(s.table(), column(a, s.table(), s.column())));
        }
        if (change instanceof SetDefault s) {
            return List.of(new ColumnDefaults(s.table(), List.of(new DefaultChange(s.column(),
                    s.expression())), null));
        }
        if (change instanceof DropDefault s) {
            return List.of(new ColumnDefaults(s.table(), List.of(new DefaultChange(s.column(), null)),
                    null));
        }
        if (change instanceof ChangeColumnType t) {
            return List.of(d.changeTypeRebuilding(t.table(), column(a, t.table(), t.column()),
                    t.newType()));
        }
        if (change instanceof AddCheck x) {
            return List.of(addConstraint(x.table(), x.name(), a, b));
        }
        if (change instanceof AddForeignKey x) {
            return List.of(addConstraint(x.table(), x.name(), a, b));
        }
        if (change instanceof AddUnique x) {
            return List.of(addConstraint(x.table(), x.name(), a, b));
        }
        if (change instanceof AddPrimaryKey x) {
            return List.of(addConstraint(x.table(), x.name(), a, b));
        }
        if (change instanceof CreateIndex x) {
            return List.of(new dev.migrationstrategist.statement.CreateIndex(index(b, x.table(),
                    x.name()), false, null));
        }
        if (change instanceof DropIndex x) {
            return List.of(new dev.migrationstrategist.statement.DropIndex(x.table(), x.name(), false,
                    false, null));
        }
        if (change instanceof CreateTable x) {
            return List.of(new dev.migrationstrategist.statement.CreateTable(x.definition()));
        }
        if (change instanceof DropTable x) {
            return List.of(new dev.migrationstrategist.statement.DropTable(x.table(), false));
        }
        if (change instanceof RenameTable x) {
            return List.of(new dev.migrationstrategist.statement.RenameTable(x.table(), x.newName()));
        }
        if (change instanceof SplitTable x) {
            return List.of(new dev.migrationstrategist.statement.CreateTable(table(b, x.into())),
                    new DropColumns(x.table(), x.columns(), null));
        }
        if (change instanceof MoveColumns x) {
            return List.of(new AddColumns(x.into(), x.columns().stream().map(col -> column(b,
                    x.into(), col)).toList(), null), new DropColumns(x.table(), x.columns(), null));
        }
        if (change instanceof MergeTable x) {
            return List.of(new AddColumns(x.into(), table(b, x.into()).columns().stream()
                    .filter(col -> !table(a, x.into()).hasColumn(col.name())).toList(), null),
                    new dev.migrationstrategist.statement.DropTable(x.table(), false));
        }
        if (change instanceof AddEnumValue x) {
            return List.of(new dev.migrationstrategist.statement.AddEnumValue(x.type(), x.value(),
                    x.before(), x.after()));
        }
        if (change instanceof RenameEnumValue x) {
            return List.of(new dev.migrationstrategist.statement.RenameEnumValue(x.type(),
                    x.from(), x.to()));
        }
        if (change instanceof AddDomainCheck x) {
            return List.of(new dev.migrationstrategist.statement.AddDomainCheck(x.domain(), x.name(),
                    x.expression(), false));
        }
        if (change instanceof DropDomainCheck x) {
            return List.of(new DropDomainConstraint(x.domain(), x.name(), false));
        }
        throw new IllegalStateException("no naive statement for " + change.kind());
    }

    /** The constraint as State B has it (its name filled in), added directly: validated while the table is locked. */
    private static Statement addConstraint(Ident table, Ident name, Schema a, Schema b) {
        Table before = table(a, table);
        Table after = table(b, table);
        Optional<Constraint> added = after.constraints().stream()
                .filter(c -> name == null ? before.constraints().stream().noneMatch(o -> o.name() != null
                        && o.name().sameAs(c.name())) : c.name() != null && c.name().sameAs(name)).findFirst();
        Constraint c = added.orElseThrow(() -> new IllegalStateException("State B has no new constraint on " + table));
        return new AddConstraint(table, c instanceof Constraint.Check k ? new Constraint.Check(k.name(), k.expression(),
                k.columns(), true) : c, false, null);
    }

    private static Index index(Schema b, Ident table, Ident name) {
        return table(b, table).indexes().stream().filter(i -> i.name().sameAs(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("State B has no index " + name + " on " + table));
    }

    private static Table table(Schema s, Ident name) {
        return s.table(name).orElseThrow(() -> new IllegalStateException("no table " + name));
    }

    private static Column column(Schema s, Ident table, Ident column) {
        return table(s, table).column(column).orElseThrow(() -> new IllegalStateException("no column " + table + "."
                + column));
    }
}
