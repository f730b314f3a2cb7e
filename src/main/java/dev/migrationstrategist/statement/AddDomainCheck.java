package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * PostgreSQL {@code ALTER DOMAIN d ADD CONSTRAINT c CHECK (expr) [NOT VALID]}.
 */
public record AddDomainCheck(Ident domain, Ident name, String expression, boolean notValid) implements Statement {
    @Override
    public List<DbObject> creates() {
        return List.of(new DbObject.DomainConstraint(domain, name));
    }

    @Override
    public String kind() {
        return "add_domain_check";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.addDomainCheck(this);
    }
}
