package dev.migrationstrategist.change;

import dev.migrationstrategist.schema.DomainType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Add {@code CONSTRAINT name CHECK (expression)} to the PostgreSQL domain {@code domain}; the expression speaks of
 * {@code VALUE} and is the SQL parser's rendering of what the user wrote (never free text). {@code writtenNotValid}
 * remembers that the user already wrote the safe form {@code ... NOT VALID}.
 */
public record AddDomainCheck(Ident domain, Ident name, String expression, boolean writtenNotValid)
        implements Change {
    public AddDomainCheck {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
    }

    public AddDomainCheck(Ident domain, Ident name, String expression) {
        this(domain, name, expression, false);
    }

    @Override
    public Ident table() {
        return domain;
    }

    /** State B: the domain has the check, validated. */
    @Override
    public Schema applyTo(Schema schema) {
        return schema.domain(domain).map(d -> schema.withDomain(d.withCheck(
                new DomainType.Check(name, expression, true)))).orElse(schema);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("domain", domain.name());
        map.put("name", name.name());
        map.put("expression", expression);
        return map;
    }

    @Override
    public String describe() {
        return "add check " + name + " on domain " + domain + " (" + expression + ")";
    }
}
