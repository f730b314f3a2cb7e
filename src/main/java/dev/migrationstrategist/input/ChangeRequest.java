package dev.migrationstrategist.input;

import dev.migrationstrategist.change.Change;

/** A requested change and where the user wrote it ({@code change.sql:1:1}, {@code --sql}, {@code phrase}). */
public record ChangeRequest(Change change, String origin) {
}
