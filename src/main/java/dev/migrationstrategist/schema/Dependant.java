package dev.migrationstrategist.schema;

import java.util.List;
import java.util.Objects;

/**
 * An object of State A that depends on tables and columns without being part of them: a view or materialized view,
 * a function or procedure, a trigger, a generated column. Each says which tables and columns it uses and whether
 * the engine said so ({@code exact}: PostgreSQL {@code pg_depend}, MySQL 8.0.13+ {@code VIEW_COLUMN_USAGE}) or it
 * was found among the tokens of its body ({@code exact == false}: it <em>may</em> use them).
 */
public sealed interface Dependant permits Dependant.View, Dependant.Routine, Dependant.Trigger, Dependant.Generated {

    /** The object's name (a generated column: {@code table.column}). */
    Ident name();

    /** The columns it uses, as (table, column); a whole-table use has no column. */
    List<Use> uses();

    /** True when the engine reported the uses; false when they were read from the body's tokens. */
    boolean exact();

    /** "view customer_list", "function rewards_report", "trigger last_updated on customer", ... */
    String describe();

    default boolean usesTable(Ident table) {
        return uses().stream().anyMatch(u -> u.table().sameAs(table));
    }

    default boolean usesColumn(Ident table, Ident column) {
        return uses().stream().anyMatch(u -> u.table().sameAs(table) && u.column() != null
                && u.column().sameAs(column));
    }

    /** A use of a table ({@code column == null}) or of one of its columns. */
    record Use(Ident table, Ident column) {
        public Use {
            Objects.requireNonNull(table, "table");
        }

        public static Use table(Ident table) {
            return new Use(table, null);
        }
    }

    /**
     * A view ({@code materialized == false}) or PostgreSQL materialized view.
     *
     * @param definition the query as the server prints it ({@code pg_get_viewdef}, {@code VIEW_DEFINITION}) or as
     *                   the DDL wrote it
     * @param options    what a recreated view must keep besides its query (check option, security, definer)
     */
    record View(Ident name, boolean materialized, String definition, List<Use> uses, boolean exact,
                ViewOptions options) implements Dependant {
        public View {
            Objects.requireNonNull(name, "name");
            uses = List.copyOf(uses);
            options = options == null ? ViewOptions.NONE : options;
        }

        public View(Ident name, boolean materialized, String definition, List<Use> uses, boolean exact) {
            this(name, materialized, definition, uses, exact, ViewOptions.NONE);
        }

        @Override
        public String describe() {
            return (materialized ? "materialized view " : "view ") + name;
        }
    }

    /**
     * A function or procedure.
     *
     * @param kind     "function" or "procedure"
     * @param language "sql", "plpgsql", ... (MySQL/MariaDB: "sql")
     * @param sqlBody  true for a PostgreSQL SQL-standard body ({@code BEGIN ATOMIC} / {@code RETURN}), whose uses the
     *                 server tracks and which a dropped or renamed column breaks at once
     */
    record Routine(Ident name, String kind, String language, String body, List<Use> uses, boolean exact,
                   boolean sqlBody) implements Dependant {
        public Routine {
            Objects.requireNonNull(name, "name");
            uses = List.copyOf(uses);
        }

        @Override
        public String describe() {
            return kind + " " + name;
        }
    }

    /**
     * A trigger of a table.
     *
     * @param timing   BEFORE, AFTER or INSTEAD OF
     * @param events   INSERT, UPDATE, DELETE, TRUNCATE
     * @param function the PostgreSQL trigger function it executes (null on MySQL/MariaDB, whose body is inline)
     * @param body     the body (MySQL/MariaDB) or the function's source (PostgreSQL), as reported
     * @param assigns  the columns of its own table the body assigns ({@code NEW.col = ...}): what it changes in the
     *                 row being written
     * @param writes   the other tables its body inserts into, updates or deletes from
     * @param uses     its own table, and the tables and columns its body names
     */
    record Trigger(Ident name, Ident table, String timing, List<String> events, Ident function, String body,
                   List<Ident> assigns, List<Ident> writes, List<Use> uses, boolean exact) implements Dependant {
        public Trigger {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(table, "table");
            events = List.copyOf(events);
            assigns = List.copyOf(assigns);
            writes = List.copyOf(writes);
            uses = List.copyOf(uses);
        }

        public boolean firesOn(String event) {
            return events.stream().anyMatch(e -> e.equalsIgnoreCase(event));
        }

        public boolean before() {
            return "BEFORE".equalsIgnoreCase(timing);
        }

        @Override
        public String describe() {
            return "trigger " + name + " on " + table;
        }
    }

    /** A generated (computed) column: {@code column} of {@code table} is computed from {@code uses}. */
    record Generated(Ident table, Ident column, String expression, boolean stored, List<Use> uses)
            implements Dependant {
        public Generated {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
            uses = List.copyOf(uses);
        }

        @Override
        public Ident name() {
            return Ident.of(table.name() + "." + column.name());
        }

        @Override
        public boolean exact() {
            return true;
        }

        @Override
        public String describe() {
            return "generated column " + table + "." + column;
        }
    }
}
