package dev.migrationstrategist.strategy;

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

/**
 * The strategy of each change kind. The change records know nothing of how they are planned; this is the one place
 * that maps a kind to its strategy (a test checks that every permitted kind of {@link Change} has one).
 */
public final class Strategies {
    private Strategies() {
    }

    public static ChangeStrategy of(Change change) {
        if (change instanceof AddCheck c) {
            return new AddCheckStrategy(c);
        }
        if (change instanceof AddColumn c) {
            return new AddColumnStrategy(c);
        }
        if (change instanceof AddDomainCheck c) {
            return new AddDomainCheckStrategy(c);
        }
        if (change instanceof AddEnumValue c) {
            return new AddEnumValueStrategy(c);
        }
        if (change instanceof AddForeignKey c) {
            return new AddForeignKeyStrategy(c);
        }
        if (change instanceof AddPrimaryKey c) {
            return new AddPrimaryKeyStrategy(c);
        }
        if (change instanceof AddUnique c) {
            return new AddUniqueStrategy(c);
        }
        if (change instanceof ChangeColumnType c) {
            return new ChangeColumnTypeStrategy(c);
        }
        if (change instanceof CreateIndex c) {
            return new CreateIndexStrategy(c);
        }
        if (change instanceof CreateTable c) {
            return new CreateTableStrategy(c);
        }
        if (change instanceof DropColumn c) {
            return new DropColumnStrategy(c);
        }
        if (change instanceof DropDefault c) {
            return new DropDefaultStrategy(c);
        }
        if (change instanceof DropDomainCheck c) {
            return new DropDomainCheckStrategy(c);
        }
        if (change instanceof DropIndex c) {
            return new DropIndexStrategy(c);
        }
        if (change instanceof DropNotNull c) {
            return new DropNotNullStrategy(c);
        }
        if (change instanceof DropTable c) {
            return new DropTableStrategy(c);
        }
        if (change instanceof MergeTable c) {
            return new MergeTableStrategy(c);
        }
        if (change instanceof MoveColumns c) {
            return new MoveColumnsStrategy(c);
        }
        if (change instanceof RenameColumn c) {
            return new RenameColumnStrategy(c);
        }
        if (change instanceof RenameEnumValue c) {
            return new RenameEnumValueStrategy(c);
        }
        if (change instanceof RenameTable c) {
            return new RenameTableStrategy(c);
        }
        if (change instanceof SetDefault c) {
            return new SetDefaultStrategy(c);
        }
        if (change instanceof SetNotNull c) {
            return new SetNotNullStrategy(c);
        }
        if (change instanceof SplitTable c) {
            return new SplitTableStrategy(c);
        }
        throw new IllegalArgumentException("no strategy for change kind " + change.kind());
    }
}
