package dev.migrationstrategist.statement;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.migrationstrategist.schema.Ident;

/**
 * A database object a statement creates or drops, named as the catalog stores it. The state tables record these per
 * plan, so {@code rollback} undoes only what its own plan created, and the catalog probe asks whether each exists.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = DbObject.Table.class, name = "table"),
        @JsonSubTypes.Type(value = DbObject.View.class, name = "view"),
        @JsonSubTypes.Type(value = DbObject.Column.class, name = "column"),
        @JsonSubTypes.Type(value = DbObject.Index.class, name = "index"),
        @JsonSubTypes.Type(value = DbObject.Constraint.class, name = "constraint"),
        @JsonSubTypes.Type(value = DbObject.Trigger.class, name = "trigger"),
        @JsonSubTypes.Type(value = DbObject.Function.class, name = "function"),
        @JsonSubTypes.Type(value = DbObject.EnumValue.class, name = "enum_value"),
        @JsonSubTypes.Type(value = DbObject.DomainConstraint.class, name = "domain_constraint")
})
public sealed interface DbObject {

    /** One line for logs and errors: {@code column users.full_name}. */
    String describe();

    record Table(Ident name) implements DbObject {
        public String describe() {
            return "table " + name;
        }
    }

    record View(Ident name) implements DbObject {
        public String describe() {
            return "view " + name;
        }
    }

    record Column(Ident table, Ident name) implements DbObject {
        public String describe() {
            return "column " + table + "." + name;
        }
    }

    record Index(Ident table, Ident name) implements DbObject {
        public String describe() {
            return "index " + name + " on " + table;
        }
    }

    record Constraint(Ident table, Ident name) implements DbObject {
        public String describe() {
            return "constraint " + name + " on " + table;
        }
    }

    /** @param table the table it fires on (MySQL trigger names are schema-wide; PostgreSQL's are per table) */
    record Trigger(Ident table, Ident name) implements DbObject {
        public String describe() {
            return "trigger " + name + " on " + table;
        }
    }

    record Function(Ident name) implements DbObject {
        public String describe() {
            return "function " + name + "()";
        }
    }

    record EnumValue(Ident type, String value) implements DbObject {
        public String describe() {
            return "value '" + value + "' of type " + type;
        }
    }

    record DomainConstraint(Ident domain, Ident name) implements DbObject {
        public String describe() {
            return "constraint " + name + " on domain " + domain;
        }
    }
}
