package dev.migrationstrategist.statement;

import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.ViewOptions;

import java.util.Objects;

/**
 * {@code CREATE OR REPLACE VIEW name AS query}: an existing view given a new query that returns the same columns
 * (a renamed column read under its old output name), keeping its options. The query is the view's own definition
 * as the catalog printed it, rewritten on its parse tree ({@code ViewRewrite}). Running it again changes nothing.
 */
public record ReplaceView(Ident name, String query, ViewOptions options) implements Statement {
    public ReplaceView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(query, "query");
        options = options == null ? ViewOptions.NONE : options;
    }

    @Override
    public String kind() {
        return "replace_view";
    }

    @Override
    public <R> R accept(StatementVisitor<R> visitor) {
        return visitor.replaceView(this);
    }
}
