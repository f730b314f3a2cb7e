package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * PostgreSQL {@code ALTER DOMAIN d VALIDATE CONSTRAINT c}. Harmless to repeat.
 */
public record ValidateDomainConstraint(Ident domain, Ident name) implements Statement {
    @Override
    public List<Fact> before() {
        return List.of(new Fact.Present(new DbObject.DomainConstraint(domain, name)));
    }

    @Override
    public List<Fact> after() {
        return List.of(new Fact.Validated(new DbObject.DomainConstraint(domain, name)));
    }

    @Override
    public String kind() {
        return "validate_domain_constraint";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.validateDomainConstraint(this);
    }
}
