package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * {@code CREATE TRIGGER name BEFORE|AFTER INSERT [OR UPDATE] ON t FOR EACH ROW ...}: on PostgreSQL it executes the
 * function of the same name ({@link CreateFunction}); on MySQL/MariaDB the body is inline, one event per trigger.
 *
 * @param timing BEFORE or AFTER
 * @param events INSERT, UPDATE, DELETE
 */
public record CreateTrigger(Ident name, Ident table, String timing, List<String> events, TriggerBody body) implements Statement {
    public CreateTrigger {
        events = List.copyOf(events);
    }

    @Override
    public List<DbObject> creates() {
        return List.of(new DbObject.Trigger(table, name));
    }

    @Override
    public String kind() {
        return "create_trigger";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.createTrigger(this);
    }
}
