package dev.migrationstrategist.lint;

/** A line comment ({@code -- ...}), its text after the dashes, trimmed, and the line it is on. */
public record Comment(int line, String text, boolean ownLine) {
}
