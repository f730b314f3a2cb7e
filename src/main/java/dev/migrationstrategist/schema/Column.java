package dev.migrationstrategist.schema;

import java.util.Objects;
import java.util.Optional;

/**
 * A column of State A or of a planned state.
 *
 * @param defaultExpression the default as an SQL expression taken from parsed DDL (never from free text), or null
 */
public record Column(Ident name, DataType type, boolean nullable, String defaultExpression) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static Column nullable(String name, String type) {
        return new Column(Ident.of(name), DataType.parse(type), true, null);
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultExpression);
    }

    public Column withName(Ident newName) {
        return new Column(newName, type, nullable, defaultExpression);
    }

    public Column withType(DataType newType) {
        return new Column(name, newType, nullable, defaultExpression);
    }

    public Column withNullable(boolean value) {
        return new Column(name, type, value, defaultExpression);
    }

    public Column withDefault(String expression) {
        return new Column(name, type, nullable, expression);
    }
}
