package dev.migrationstrategist.schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Objects;
import java.util.Optional;

/**
 * A column of State A or of a planned state.
 *
 * @param defaultExpression the default as an SQL expression taken from parsed DDL (never from free text), or null
 * @param autoIncrement     MySQL/MariaDB {@code AUTO_INCREMENT}: the server numbers inserts that leave it out; a
 *                          statement that redefines the column must say it again or the numbering is lost
 *                          (PostgreSQL's serial columns carry their sequence in {@code defaultExpression}; an
 *                          identity column is marked too: the server numbers it)
 * @param identity          PostgreSQL: the column is an identity column, of this kind and sequence (then
 *                          {@code autoIncrement} is true too); null otherwise
 * @param encoding          MySQL/MariaDB: the character set and collation the column names itself ({@code CHARACTER
 *                          SET}, {@code COLLATE}; the catalog's for a live column), null when it takes its table's;
 *                          only lint judges by it (not in the plan's JSON)
 */
public record Column(Ident name, DataType type, boolean nullable, String defaultExpression,
                     @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean autoIncrement,
                     @JsonInclude(JsonInclude.Include.NON_NULL) Identity identity,
                     @com.fasterxml.jackson.annotation.JsonIgnore TextEncoding encoding) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        autoIncrement = autoIncrement || identity != null;
    }

    public Column(Ident name, DataType type, boolean nullable, String defaultExpression, boolean autoIncrement) {
        this(name, type, nullable, defaultExpression, autoIncrement, null, null);
    }

    public Column(Ident name, DataType type, boolean nullable, String defaultExpression, boolean autoIncrement,
                  Identity identity) {
        this(name, type, nullable, defaultExpression, autoIncrement, identity, null);
    }

    public Column(Ident name, DataType type, boolean nullable, String defaultExpression, boolean autoIncrement,
                  TextEncoding encoding) {
        this(name, type, nullable, defaultExpression, autoIncrement, null, encoding);
    }

    public Column(Ident name, DataType type, boolean nullable, String defaultExpression) {
        this(name, type, nullable, defaultExpression, false, null, null);
    }

    public static Column nullable(String name, String type) {
        return new Column(Ident.of(name), DataType.parse(type), true, null);
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultExpression);
    }

    public Column withName(Ident newName) {
        return new Column(newName, type, nullable, defaultExpression, autoIncrement, identity, encoding);
    }

    public Column withType(DataType newType) {
        return new Column(name, newType, nullable, defaultExpression, autoIncrement, identity, encoding);
    }

    public Column withNullable(boolean value) {
        return new Column(name, type, value, defaultExpression, autoIncrement, identity, encoding);
    }

    public Column withDefault(String expression) {
        return new Column(name, type, nullable, expression, autoIncrement, identity, encoding);
    }

    public Column withEncoding(TextEncoding value) {
        return new Column(name, type, nullable, defaultExpression, autoIncrement, identity, value);
    }

    public Column withAutoIncrement(boolean value) {
        return new Column(name, type, nullable, defaultExpression, value, value ? identity : null, encoding);
    }

    public Column withIdentity(Identity value) {
        return new Column(name, type, nullable, defaultExpression, autoIncrement || value != null, value,
                encoding);
    }
}
