package dev.migrationstrategist.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Objects;

/**
 * An SQL identifier as the database stores it (already case-folded where the dialect folds unquoted names).
 * It is never concatenated into SQL directly: render it with {@code Dialect.quote(Ident)}.
 */
public record Ident(@JsonValue String name) implements Comparable<Ident> {
    public Ident {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an identifier cannot be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an identifier cannot contain a NUL character");
        }
    }

    @JsonCreator
    public static Ident of(String name) {
        return new Ident(name);
    }

    /** True when both name the same object in a case-insensitive catalog (MySQL columns, PostgreSQL folded names). */
    public boolean sameAs(Ident other) {
        return other != null && name.equalsIgnoreCase(other.name);
    }

    public String lower() {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public int compareTo(Ident o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
