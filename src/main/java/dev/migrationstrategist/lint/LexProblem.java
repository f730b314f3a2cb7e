package dev.migrationstrategist.lint;

/** Why a file could not be read as SQL, and where. */
public record LexProblem(int line, int column, String message) {
}
