package dev.migrationstrategist.schema;

/**
 * A PostgreSQL identity column's numbering ({@code GENERATED ALWAYS | BY DEFAULT AS IDENTITY}): the kind decides
 * whether an insert may give its own value (BY DEFAULT) or not (ALWAYS, unless it says {@code OVERRIDING SYSTEM
 * VALUE}); the sequence is the one the server created for it, linked to the column (it cannot be given to another
 * column with {@code OWNED BY}, and {@code DROP IDENTITY} drops it).
 *
 * @param sequence the identity's sequence as the catalog names it, or null when the schema did not say (a CREATE
 *                 TABLE names it {@code <table>_<column>_seq} when that fits)
 */
public record Identity(boolean always, Ident sequence) {
    /** The words of its kind: {@code ALWAYS} or {@code BY DEFAULT}. */
    public String kind() {
        return always ? "ALWAYS" : "BY DEFAULT";
    }
}
