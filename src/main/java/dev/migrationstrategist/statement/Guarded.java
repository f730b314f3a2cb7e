package dev.migrationstrategist.statement;

import java.util.List;

/**
 * A statement that applies only while the catalog shows {@code when}: otherwise it is skipped as not applicable (with
 * a log line), never run and never an error. Used around a MySQL/MariaDB swap window, whose statements cannot run as
 * one transaction: the triggers of the layout before the swap are re-created only while that layout is there, and
 * the columns are re-synchronised only where both exist. Renders as its statement.
 */
public record Guarded(Statement statement, List<Fact> when) implements Wrapping {
    public Guarded {
        when = List.copyOf(when);
        if (statement instanceof Guarded) {
            throw new IllegalArgumentException("a guarded statement cannot be guarded again");
        }
    }

    @Override
    public String kind() {
        return "guarded";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.guarded(this);
    }
}
