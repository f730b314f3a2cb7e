package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * PostgreSQL {@code ALTER TYPE t ADD VALUE IF NOT EXISTS 'v' [BEFORE | AFTER 'w']}: not transactional before 12.
 *
 * @param beforeValue the value it goes before, or null
 * @param afterValue  the value it goes after, or null
 */
public record AddEnumValue(Ident type, String value, String beforeValue, String afterValue) implements Statement {
    @Override
    public List<Fact> after() {
        return List.of(new Fact.Present(new DbObject.EnumValue(type, value)));
    }

    @Override
    public String kind() {
        return "add_enum_value";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.addEnumValue(this);
    }
}
