package dev.migrationstrategist.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A PostgreSQL domain ({@code CREATE DOMAIN name AS base [DEFAULT ...] [NOT NULL] [CONSTRAINT c CHECK (...)]}): a
 * base type with named CHECK constraints on {@code VALUE}, each valid (proven for every stored value) or
 * {@code NOT VALID} (only new writes are checked). {@code defaultExpression} is null when there is none.
 */
public record DomainType(Ident name, DataType base, boolean notNull, String defaultExpression, List<Check> checks) {
    public DomainType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(base, "base");
        checks = List.copyOf(checks);
    }

    /** A named CHECK on the domain's {@code VALUE}. */
    public record Check(Ident name, String expression, boolean valid) {
        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(expression, "expression");
        }
    }

    public Optional<Check> check(Ident constraint) {
        return checks.stream().filter(c -> c.name().sameAs(constraint)).findFirst();
    }

    /** The domain with {@code check} added, or replacing the check of the same name. */
    public DomainType withCheck(Check check) {
        List<Check> next = new ArrayList<>(checks.stream().filter(c -> !c.name().sameAs(check.name())).toList());
        next.add(check);
        return new DomainType(name, base, notNull, defaultExpression, next);
    }

    public DomainType withoutCheck(Ident constraint) {
        return new DomainType(name, base, notNull, defaultExpression,
                checks.stream().filter(c -> !c.name().sameAs(constraint)).toList());
    }
}
