package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * PostgreSQL 10+ {@code ALTER TYPE t RENAME VALUE 'a' TO 'b'}.
 */
public record RenameEnumValue(Ident type, String from, String to) implements Statement {
    @Override
    public List<DbObject> creates() {
        return List.of(new DbObject.EnumValue(type, to));
    }

    @Override
    public List<DbObject> drops() {
        return List.of(new DbObject.EnumValue(type, from));
    }

    @Override
    public String kind() {
        return "rename_enum_value";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.renameEnumValue(this);
    }
}
