package dev.migrationstrategist.db;

import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.statement.AlterColumnType;
import dev.migrationstrategist.statement.ColumnRename;
import dev.migrationstrategist.statement.DbObject;
import dev.migrationstrategist.statement.DropColumns;
import dev.migrationstrategist.statement.DropTable;
import dev.migrationstrategist.statement.RenameColumns;
import dev.migrationstrategist.statement.RenameTable;
import dev.migrationstrategist.statement.RenameTables;
import dev.migrationstrategist.statement.Statement;
import dev.migrationstrategist.statement.TableRename;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a step does to the objects existing before it, from its typed statements, on both kinds of engine. */
class StepFatesTest {
    private static final Ident T = Ident.of("customer");

    private static DbObject col(String name) {
        return new DbObject.Column(T, Ident.of(name));
    }

    private static List<String> fates(boolean bound, Statement... statements) {
        return StepFates.of(List.of(statements), bound).stream()
                .map(a -> a.object().describe() + " " + a.fate()).toList();
    }

    @Test
    void aColumnSwapDropsTheOldColumnWhereViewsBindAndNothingWhereTheyName() {
        // PostgreSQL: one rename per statement; a view on phone follows it to phone_old, which is dropped
        assertThat(fates(true,
                new RenameColumns(T, List.of(new ColumnRename(Ident.of("phone"), Ident.of("phone_old"))), null),
                new RenameColumns(T, List.of(new ColumnRename(Ident.of("phone_new"), Ident.of("phone"))), null),
                new DropColumns(T, List.of(Ident.of("phone_old")), null)))
                .contains("column customer.phone DROPPED").doesNotContain("column customer.phone_old DROPPED");
        // the swap and the drop in two steps: the first leaves a view on phone reading phone_old
        assertThat(fates(true,
                new RenameColumns(T, List.of(new ColumnRename(Ident.of("phone"), Ident.of("phone_old"))), null),
                new RenameColumns(T, List.of(new ColumnRename(Ident.of("phone_new"), Ident.of("phone"))), null)))
                .containsExactly("column customer.phone SWAPPED", "column customer.phone_new RENAMED");
        // MySQL/MariaDB: the name phone is given back in the same statement; a view naming it reads the new column
        assertThat(fates(false,
                new RenameColumns(T, List.of(new ColumnRename(Ident.of("phone"), Ident.of("phone_old")),
                        new ColumnRename(Ident.of("phone_new"), Ident.of("phone"))), null),
                new DropColumns(T, List.of(Ident.of("phone_old")), null)))
                .noneMatch(f -> f.startsWith("column customer.phone "));
    }

    @Test
    void dropsRenamesAndTypeChanges() {
        assertThat(fates(true, new DropColumns(T, List.of(Ident.of("phone")), null)))
                .containsExactly("column customer.phone DROPPED");
        assertThat(fates(false, new DropColumns(T, List.of(Ident.of("phone")), null)))
                .containsExactly("column customer.phone DROPPED");
        assertThat(fates(true, new AlterColumnType(T, Ident.of("phone"), "text", null)))
                .containsExactly("column customer.phone RETYPED");
        assertThat(fates(true, new RenameColumns(T, List.of(new ColumnRename(Ident.of("a"), Ident.of("b"))), null)))
                .containsExactly("column customer.a RENAMED");
        assertThat(fates(false, new DropTable(T, false))).containsExactly("table customer DROPPED");
        assertThat(fates(true, new RenameTable(T, Ident.of("client")))).containsExactly("table customer RENAMED");
    }

    @Test
    void aTableSwapDropsTheOldTableWhereViewsBindAndNothingWhereTheyName() {
        Ident old = Ident.of("customer_old");
        Ident fresh = Ident.of("customer_new");
        assertThat(fates(true, new RenameTable(T, old), new RenameTable(fresh, T), new DropTable(old, false)))
                .contains("table customer DROPPED");
        assertThat(fates(false, new RenameTables(List.of(new TableRename(T, old), new TableRename(fresh, T))),
                new DropTable(old, false))).noneMatch(f -> f.startsWith("table customer "));
        // a column dropped after its table was renamed in the same step is the original table's
        assertThat(fates(true, new RenameTable(T, old), new DropColumns(old, List.of(Ident.of("phone")), null)))
                .contains("column customer.phone DROPPED");
    }
}
