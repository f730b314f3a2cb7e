package dev.migrationstrategist.plan;

import dev.migrationstrategist.statement.Rendered;

import java.util.List;
import java.util.Objects;

/**
 * How to undo one step: SQL where the database can undo it, otherwise a note of what the team does.
 *
 * @param statements   statements that undo the step, in the order to run them (empty when only the app can undo it)
 * @param note         what to do, in words
 * @param safeBecause  why doing it loses nothing, or null
 * @param irreversible true when nothing can undo the step (a dropped column)
 */
public record Rollback(List<Rendered> statements, String note, String safeBecause, boolean irreversible) {
    public Rollback {
        statements = List.copyOf(statements);
        Objects.requireNonNull(note, "note");
    }

    public static Rollback withSql(String note, List<Rendered> statements) {
        return new Rollback(statements, note, null, false);
    }

    /** The SQL texts of the statements, in order. */
    public List<String> sql() {
        return Rendered.sql(statements);
    }

    public static Rollback note(String note) {
        return new Rollback(List.of(), note, null, false);
    }

    public static Rollback note(String note, String safeBecause) {
        return new Rollback(List.of(), note, safeBecause, false);
    }

    public static Rollback irreversible(String note) {
        return new Rollback(List.of(), note.startsWith("irreversible") ? note : "irreversible: " + note, null, true);
    }
}
