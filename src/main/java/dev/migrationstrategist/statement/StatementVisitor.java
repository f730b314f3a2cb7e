package dev.migrationstrategist.statement;

/** One method per statement kind: a renderer (one per engine family) implements all of them. */
public interface StatementVisitor<R> {
    R setLockTimeout(SetLockTimeout s);

    R setForeignKeyChecks(SetForeignKeyChecks s);

    R lockTables(LockTables s);

    R unlockTables(UnlockTables s);

    R lockTablesInOrder(LockTablesInOrder s);

    R addColumns(AddColumns s);

    R dropColumns(DropColumns s);

    R renameColumns(RenameColumns s);

    R columnDefaults(ColumnDefaults s);

    R setNotNull(SetNotNull s);

    R dropNotNull(DropNotNull s);

    R modifyColumns(ModifyColumns s);

    R alterColumnType(AlterColumnType s);

    R addConstraint(AddConstraint s);

    R addConstraintUsingIndex(AddConstraintUsingIndex s);

    R validateConstraint(ValidateConstraint s);

    R dropConstraint(DropConstraint s);

    R dropPrimaryKey(DropPrimaryKey s);

    R createIndex(CreateIndex s);

    R createIndexOnParent(CreateIndexOnParent s);

    R attachIndex(AttachIndex s);

    R dropIndex(DropIndex s);

    R renameIndex(RenameIndex s);

    R alterSequence(AlterSequence s);

    R addIdentity(AddIdentity s);

    R dropIdentity(DropIdentity s);

    R copySequenceValue(CopySequenceValue s);

    R renameSequence(RenameSequence s);

    R setIndexIgnored(SetIndexIgnored s);

    R createFunction(CreateFunction s);

    R createTrigger(CreateTrigger s);

    R dropTrigger(DropTrigger s);

    R dropFunction(DropFunction s);

    R createTable(CreateTable s);

    R createTableLike(CreateTableLike s);

    R dropTable(DropTable s);

    R renameTable(RenameTable s);

    R renameTables(RenameTables s);

    R createView(CreateView s);

    R dropView(DropView s);

    R replaceView(ReplaceView s);

    R addEnumValue(AddEnumValue s);

    R renameEnumValue(RenameEnumValue s);

    R addDomainCheck(AddDomainCheck s);

    R validateDomainConstraint(ValidateDomainConstraint s);

    R dropDomainConstraint(DropDomainConstraint s);

    R guarded(Guarded s);

    R noLockWait(NoLockWait s);

    R resyncColumn(ResyncColumn s);
}
