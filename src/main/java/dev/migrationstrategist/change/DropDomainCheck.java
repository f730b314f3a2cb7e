package dev.migrationstrategist.change;

import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Drop the CHECK constraint {@code name} of the PostgreSQL domain {@code domain}. */
public record DropDomainCheck(Ident domain, Ident name) implements Change {
    public DropDomainCheck {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public Ident table() {
        return domain;
    }

    @Override
    public Schema applyTo(Schema schema) {
        return schema.domain(domain).map(d -> schema.withDomain(d.withoutCheck(name))).orElse(schema);
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("domain", domain.name());
        map.put("name", name.name());
        return map;
    }

    @Override
    public String describe() {
        return "drop check " + name + " on domain " + domain;
    }
}
