package dev.migrationstrategist.schema;

import java.util.List;
import java.util.Objects;

/** A PostgreSQL enum type ({@code CREATE TYPE ... AS ENUM}). */
public record EnumType(Ident name, List<String> values) {
    public EnumType {
        Objects.requireNonNull(name, "name");
        values = List.copyOf(values);
    }
}
