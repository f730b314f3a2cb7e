package dev.migrationstrategist.rehearsal;

/** One check of a side: its name, whether it holds, and the numbers behind it. */
public record Invariant(String name, boolean passed, String detail) {
}
