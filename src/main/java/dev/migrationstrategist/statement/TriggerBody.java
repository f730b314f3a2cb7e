package dev.migrationstrategist.statement;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.migrationstrategist.schema.Ident;

/** What a trigger does, rendered by the dialect as a PL/pgSQL function body or an inline MySQL body. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TriggerBody.ColumnSync.class, name = "column_sync"),
        @JsonSubTypes.Type(value = TriggerBody.Copy.class, name = "copy"),
        @JsonSubTypes.Type(value = TriggerBody.ExecuteFunction.class, name = "execute_function"),
        @JsonSubTypes.Type(value = TriggerBody.Procedure.class, name = "procedure")
})
public sealed interface TriggerBody {

    /**
     * Keeps an old and a new column equal, both ways: on INSERT the new column wins when given, else it is filled from
     * the old one; on UPDATE the column whose value changed is copied to the other.
     *
     * @param toNew expression converting the old column's value ({@code NEW.old}) to the new column's type
     * @param toOld expression converting the new column's value back
     */
    record ColumnSync(Ident oldColumn, Ident newColumn, String toNew, String toOld) implements TriggerBody {
    }

    /**
     * One way: every inserted or updated row gets {@code target} = {@code expression}, whatever the statement wrote
     * there. For a column no application writes (the new column of a type change, the old one after its swap): a
     * default on it can then never be mistaken for a written value, and the column may carry one so that an insert
     * leaving it out does not fail while no trigger is installed.
     */
    record Copy(Ident target, String expression) implements TriggerBody {
    }

    /** PostgreSQL: the trigger runs the function of this name. */
    record ExecuteFunction(Ident function) implements TriggerBody {
    }

    /**
     * A procedural body, as statements between {@code BEGIN} and {@code END} (the 1:1 table sync triggers); the
     * dialect wraps it in its function or trigger syntax.
     */
    record Procedure(String text) implements TriggerBody {
    }
}
