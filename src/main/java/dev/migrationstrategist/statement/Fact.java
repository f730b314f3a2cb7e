package dev.migrationstrategist.statement;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.migrationstrategist.schema.Ident;

/**
 * Something the live catalog can confirm or deny. A statement lists the facts that hold before it ran and after it
 * took effect; the executor reads them just before running it, so a rerun after a kill at any point knows whether
 * the statement is done, not done, or neither (see {@link Statement#before()}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Fact.Present.class, name = "present"),
        @JsonSubTypes.Type(value = Fact.Absent.class, name = "absent"),
        @JsonSubTypes.Type(value = Fact.Nullable.class, name = "nullable"),
        @JsonSubTypes.Type(value = Fact.Default.class, name = "default"),
        @JsonSubTypes.Type(value = Fact.Validated.class, name = "validated"),
        @JsonSubTypes.Type(value = Fact.IndexIgnored.class, name = "index_ignored"),
        @JsonSubTypes.Type(value = Fact.IndexAttached.class, name = "index_attached")
})
public sealed interface Fact {

    /** One line for logs and errors. */
    String describe();

    record Present(DbObject object) implements Fact {
        public String describe() {
            return object.describe() + " exists";
        }
    }

    record Absent(DbObject object) implements Fact {
        public String describe() {
            return object.describe() + " does not exist";
        }
    }

    record Nullable(Ident table, Ident column, boolean nullable) implements Fact {
        public String describe() {
            return "column " + table + "." + column + (nullable ? " is nullable" : " is NOT NULL");
        }
    }

    /** @param expression the default as the plan wrote it, or null for no default */
    record Default(Ident table, Ident column, String expression) implements Fact {
        public String describe() {
            return "column " + table + "." + column + (expression == null ? " has no default"
                    : " has default " + expression);
        }
    }

    /** A constraint (table or domain) that exists and is validated; an index that is valid. */
    record Validated(DbObject object) implements Fact {
        public String describe() {
            return object.describe() + " is validated";
        }
    }

    /** An index the optimizer ignores (MariaDB IGNORED, MySQL INVISIBLE) or uses. */
    record IndexIgnored(Ident table, Ident index, boolean ignored) implements Fact {
        public String describe() {
            return "index " + index + (ignored ? " is ignored" : " is used") + " by the optimizer";
        }
    }

    /** PostgreSQL: a partition's index is (or is not) attached to the partitioned table's index. */
    record IndexAttached(Ident index, Ident partitionIndex, boolean attached) implements Fact {
        public String describe() {
            return "index " + partitionIndex + (attached ? " is" : " is not") + " attached to index " + index;
        }
    }
}
