package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * PostgreSQL {@code ALTER DOMAIN d DROP CONSTRAINT [IF EXISTS] c}.
 */
public record DropDomainConstraint(Ident domain, Ident name, boolean ifExists) implements Statement {
    @Override
    public List<DbObject> drops() {
        return List.of(new DbObject.DomainConstraint(domain, name));
    }

    @Override
    public List<Fact> before() {
        return ifExists ? List.of() : Statement.super.before();
    }

    @Override
    public String kind() {
        return "drop_domain_constraint";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.dropDomainConstraint(this);
    }
}
