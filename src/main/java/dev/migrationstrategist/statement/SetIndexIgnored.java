package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import java.util.List;

/**
 * MariaDB {@code ALTER INDEX i IGNORED} / MySQL {@code ALTER TABLE t ALTER INDEX i INVISIBLE} (and back): the
 * optimizer stops (or starts) using the index; metadata only.
 */
public record SetIndexIgnored(Ident table, Ident index, boolean ignored) implements Statement {
    @Override
    public List<Fact> before() {
        return List.of(new Fact.IndexIgnored(table, index, !ignored));
    }

    @Override
    public List<Fact> after() {
        return List.of(new Fact.IndexIgnored(table, index, ignored));
    }

    @Override
    public String kind() {
        return "set_index_ignored";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.setIndexIgnored(this);
    }
}
