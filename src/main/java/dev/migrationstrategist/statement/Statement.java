package dev.migrationstrategist.statement;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * One statement of a plan, as data: what it does to which objects, not its SQL text. The dialect renders it
 * ({@code Dialect.render}), the reports print that rendering, and {@code apply} runs it and asks the live catalog,
 * through {@link #before()} and {@link #after()}, whether it already took effect. A closed family: one record per
 * kind, each serialised in the plan JSON with its {@code kind} and fields.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Guarded.class, name = "guarded"),
        @JsonSubTypes.Type(value = NoLockWait.class, name = "no_lock_wait"),
        @JsonSubTypes.Type(value = ResyncColumn.class, name = "resync_column"),
        @JsonSubTypes.Type(value = SetLockTimeout.class, name = "set_lock_timeout"),
        @JsonSubTypes.Type(value = SetForeignKeyChecks.class, name = "set_foreign_key_checks"),
        @JsonSubTypes.Type(value = LockTables.class, name = "lock_tables"),
        @JsonSubTypes.Type(value = UnlockTables.class, name = "unlock_tables"),
        @JsonSubTypes.Type(value = LockTablesInOrder.class, name = "lock_tables_in_order"),
        @JsonSubTypes.Type(value = AddColumns.class, name = "add_columns"),
        @JsonSubTypes.Type(value = DropColumns.class, name = "drop_columns"),
        @JsonSubTypes.Type(value = RenameColumns.class, name = "rename_columns"),
        @JsonSubTypes.Type(value = ColumnDefaults.class, name = "column_defaults"),
        @JsonSubTypes.Type(value = SetNotNull.class, name = "set_not_null"),
        @JsonSubTypes.Type(value = DropNotNull.class, name = "drop_not_null"),
        @JsonSubTypes.Type(value = ModifyColumns.class, name = "modify_columns"),
        @JsonSubTypes.Type(value = AlterColumnType.class, name = "alter_column_type"),
        @JsonSubTypes.Type(value = AlterSequence.class, name = "alter_sequence"),
        @JsonSubTypes.Type(value = AddIdentity.class, name = "add_identity"),
        @JsonSubTypes.Type(value = DropIdentity.class, name = "drop_identity"),
        @JsonSubTypes.Type(value = CopySequenceValue.class, name = "copy_sequence_value"),
        @JsonSubTypes.Type(value = RenameSequence.class, name = "rename_sequence"),
        @JsonSubTypes.Type(value = AddConstraint.class, name = "add_constraint"),
        @JsonSubTypes.Type(value = AddConstraintUsingIndex.class, name = "add_constraint_using_index"),
        @JsonSubTypes.Type(value = ValidateConstraint.class, name = "validate_constraint"),
        @JsonSubTypes.Type(value = DropConstraint.class, name = "drop_constraint"),
        @JsonSubTypes.Type(value = DropPrimaryKey.class, name = "drop_primary_key"),
        @JsonSubTypes.Type(value = CreateIndex.class, name = "create_index"),
        @JsonSubTypes.Type(value = CreateIndexOnParent.class, name = "create_index_on_parent"),
        @JsonSubTypes.Type(value = AttachIndex.class, name = "attach_index"),
        @JsonSubTypes.Type(value = DropIndex.class, name = "drop_index"),
        @JsonSubTypes.Type(value = RenameIndex.class, name = "rename_index"),
        @JsonSubTypes.Type(value = SetIndexIgnored.class, name = "set_index_ignored"),
        @JsonSubTypes.Type(value = CreateFunction.class, name = "create_function"),
        @JsonSubTypes.Type(value = CreateTrigger.class, name = "create_trigger"),
        @JsonSubTypes.Type(value = DropTrigger.class, name = "drop_trigger"),
        @JsonSubTypes.Type(value = DropFunction.class, name = "drop_function"),
        @JsonSubTypes.Type(value = CreateTable.class, name = "create_table"),
        @JsonSubTypes.Type(value = CreateTableLike.class, name = "create_table_like"),
        @JsonSubTypes.Type(value = DropTable.class, name = "drop_table"),
        @JsonSubTypes.Type(value = RenameTable.class, name = "rename_table"),
        @JsonSubTypes.Type(value = RenameTables.class, name = "rename_tables"),
        @JsonSubTypes.Type(value = CreateView.class, name = "create_view"),
        @JsonSubTypes.Type(value = DropView.class, name = "drop_view"),
        @JsonSubTypes.Type(value = ReplaceView.class, name = "replace_view"),
        @JsonSubTypes.Type(value = AddEnumValue.class, name = "add_enum_value"),
        @JsonSubTypes.Type(value = RenameEnumValue.class, name = "rename_enum_value"),
        @JsonSubTypes.Type(value = AddDomainCheck.class, name = "add_domain_check"),
        @JsonSubTypes.Type(value = ValidateDomainConstraint.class, name = "validate_domain_constraint"),
        @JsonSubTypes.Type(value = DropDomainConstraint.class, name = "drop_domain_constraint")
})
public sealed interface Statement
        permits Wrapping, ResyncColumn, SetLockTimeout, SetForeignKeyChecks, LockTables, UnlockTables, LockTablesInOrder,
                AddColumns, DropColumns,
                RenameColumns, ColumnDefaults, SetNotNull, DropNotNull, ModifyColumns, AlterColumnType, AlterSequence,
                AddIdentity, DropIdentity, CopySequenceValue, RenameSequence,
                AddConstraint, AddConstraintUsingIndex, ValidateConstraint, DropConstraint, CreateIndex, CreateIndexOnParent,
                AttachIndex, DropIndex,
                DropPrimaryKey, RenameIndex, SetIndexIgnored, CreateFunction, CreateTrigger, DropTrigger, DropFunction,
                CreateTable, CreateTableLike, DropTable, RenameTable, RenameTables, CreateView, DropView, ReplaceView,
                AddEnumValue, RenameEnumValue,
                AddDomainCheck, ValidateDomainConstraint, DropDomainConstraint {

    /** The JSON name of the kind: {@code add_column}, {@code create_index}, ... */
    String kind();

    <R> R accept(StatementVisitor<R> visitor);

    /** The objects that exist once it took effect and did not before (for rollback's ownership record). */
    default List<DbObject> creates() {
        return List.of();
    }

    /** The objects it removes. */
    default List<DbObject> drops() {
        return List.of();
    }

    /**
     * What holds while it has not taken effect: its created objects absent, its dropped objects present. Empty for
     * a statement that is harmless to run again.
     */
    default List<Fact> before() {
        List<Fact> out = new ArrayList<>();
        creates().forEach(o -> out.add(new Fact.Absent(o)));
        drops().forEach(o -> out.add(new Fact.Present(o)));
        return out;
    }

    /**
     * What holds once it took effect: its created objects present, its dropped objects gone. Empty for a session
     * setting, which runs again on every resume.
     */
    default List<Fact> after() {
        List<Fact> out = new ArrayList<>();
        creates().forEach(o -> out.add(new Fact.Present(o)));
        drops().forEach(o -> out.add(new Fact.Absent(o)));
        return out;
    }

    /** False for what the server refuses inside a transaction block (a concurrent index build). */
    default boolean transactional() {
        return true;
    }
}
