package dev.migrationstrategist.db;

import dev.migrationstrategist.input.BodyScan;
import dev.migrationstrategist.schema.Dependant;
import dev.migrationstrategist.schema.Dependants;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.ViewOptions;
import dev.migrationstrategist.schema.Table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads what depends on the tables of a schema from the live catalog: views and materialized views, functions and
 * procedures, triggers, generated columns and (MySQL/MariaDB) {@code ON UPDATE CURRENT_TIMESTAMP} columns.
 *
 * <p>Where the engine records the dependency it is taken from there: PostgreSQL {@code pg_depend} for views,
 * materialized views and SQL-standard function bodies ({@code prosqlbody}). Elsewhere (PL/pgSQL and
 * {@code LANGUAGE sql} bodies kept as text, trigger functions, MariaDB views, routines and triggers) the body's
 * tokens are scanned ({@link BodyScan}) and the result is what the object <em>may</em> use. The objects the tool
 * itself created (recorded in {@code strategist_objects}: sync triggers and functions, compatibility views) are left
 * out, so they are never part of State A.
 */
final class DependantReader {
    private DependantReader() {
    }

    static Dependants read(Connection c, String scope, List<Table> tables, boolean postgres) throws SQLException {
        Set<String> own = owned(c, postgres, scope);
        return postgres ? postgres(c, scope, tables, own) : mysql(c, scope, tables, own);
    }

    /** "kind\u0001name" of every view, trigger and function a plan of this tool created here. */
    private static Set<String> owned(Connection c, boolean postgres, String scope) throws SQLException {
        Set<String> out = new HashSet<>();
        String exists = postgres
                ? "SELECT 1 FROM pg_class WHERE relname = ? AND relnamespace = ?::regnamespace"
                : "SELECT 1 FROM information_schema.tables WHERE table_name = ? AND table_schema = ?";
        if (query(c, exists, StateStore.OBJECTS_TABLE, scope).isEmpty()) {
            return out;
        }
        String table = postgres ? quotePg(scope) + "." + StateStore.OBJECTS_TABLE
                : "`" + scope.replace("`", "``") + "`." + StateStore.OBJECTS_TABLE;
        for (Map<String, String> r : query(c, "SELECT object_kind, object_name FROM " + table
                + " WHERE object_kind IN ('view', 'trigger', 'function')")) {
            out.add(r.get("object_kind") + "\u0001" + r.get("object_name"));
        }
        return out;
    }

    /**
     * A PostgreSQL body of text that names scope as a qualifier, bare ({@code public.customer}, any case) or quoted
     * ({@code "Sales".orders}): the routines and trigger functions of other schemas worth scanning (two parameters).
     */
    private static final String NAMES_SCOPE = "(strpos(lower(p.prosrc), lower(?)) > 0 OR strpos(p.prosrc, ?) > 0)";

    private static String quotePg(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    // ------------------------------------------------------------------ PostgreSQL

    private static Dependants postgres(Connection c, String scope, List<Table> tables, Set<String> own)
            throws SQLException {
        List<Dependant.View> views = new ArrayList<>();
        Map<String, Set<Dependant.Use>> viewUses = new LinkedHashMap<>();
        // a view of any schema over a table of scope, and a view of scope over a table of any schema
        for (Map<String, String> r : query(c, "SELECT v.oid::text AS dep, tn.nspname AS tschema, t.relname AS tbl,"
                + " a.attname AS col FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid"
                + " JOIN pg_class v ON v.oid = r.ev_class JOIN pg_class t ON t.oid = d.refobjid"
                + " JOIN pg_namespace tn ON tn.oid = t.relnamespace LEFT JOIN pg_attribute a"
                + " ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid AND d.refobjsubid > 0"
                + " WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass"
                + " AND t.oid <> v.oid AND (v.relnamespace = ?::regnamespace OR t.relnamespace = ?::regnamespace)"
                + " ORDER BY v.oid, t.oid, a.attnum", scope, scope)) {
            Set<Dependant.Use> uses = viewUses.computeIfAbsent(r.get("dep"), k -> new LinkedHashSet<>());
            Ident table = name(scope, r.get("tschema"), r.get("tbl"));
            uses.add(Dependant.Use.table(table));
            if (r.get("col") != null) {
                uses.add(new Dependant.Use(table, Ident.of(r.get("col"))));
            }
        }
        for (Map<String, String> r : query(c, "SELECT c.oid::text AS oid, n.nspname, c.relname, c.relkind,"
                + " pg_get_viewdef(c.oid) AS def, array_to_string(c.reloptions, chr(1)) AS opts"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('v', 'm') AND (c.relnamespace = ?::regnamespace OR c.oid IN (SELECT"
                + " r.ev_class FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_class t"
                + " ON t.oid = d.refobjid WHERE d.classid = 'pg_rewrite'::regclass"
                + " AND d.refclassid = 'pg_class'::regclass AND t.relnamespace = ?::regnamespace))"
                + " ORDER BY c.relnamespace <> ?::regnamespace, n.nspname, c.oid", scope, scope, scope)) {
            boolean here = r.get("nspname").equals(scope);
            if (here && own.contains("view\u0001" + r.get("relname"))) {
                continue;
            }
            String opts = r.get("opts");
            views.add(new Dependant.View(name(scope, r.get("nspname"), r.get("relname")),
                    "m".equals(r.get("relkind")), r.get("def"),
                    List.copyOf(viewUses.getOrDefault(r.get("oid"), Set.of())), true,
                    new ViewOptions(null, null, null, opts == null || opts.isEmpty() ? List.of()
                            : List.of(opts.split("\u0001")))));
        }
        // prosqlbody (SQL-standard bodies) is PostgreSQL 14's, prokind (procedures) 11's: older catalogs lack them
        int major = c.getMetaData().getDatabaseMajorVersion();
        String sqlBodyColumn = major >= 14 ? "p.prosqlbody" : "NULL::text";
        String kindColumn = major >= 11 ? "p.prokind" : "CASE WHEN p.proisagg THEN 'a' WHEN p.proiswindow THEN 'w'"
                + " ELSE 'f' END";
        Map<String, Set<Dependant.Use>> procUses = new LinkedHashMap<>();
        for (Map<String, String> r : query(c, "SELECT p.oid::text AS oid, tn.nspname AS tschema, t.relname AS tbl,"
                + " a.attname AS col FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid"
                + " JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace"
                + " LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                + " AND d.refobjsubid > 0 WHERE d.classid = 'pg_proc'::regclass"
                + " AND d.refclassid = 'pg_class'::regclass AND (p.pronamespace = ?::regnamespace"
                + " OR t.relnamespace = ?::regnamespace) AND " + sqlBodyColumn + " IS NOT NULL"
                + " ORDER BY p.oid, t.oid, a.attnum", scope, scope)) {
            Set<Dependant.Use> uses = procUses.computeIfAbsent(r.get("oid"), k -> new LinkedHashSet<>());
            Ident table = name(scope, r.get("tschema"), r.get("tbl"));
            uses.add(Dependant.Use.table(table));
            if (r.get("col") != null) {
                uses.add(new Dependant.Use(table, Ident.of(r.get("col"))));
            }
        }
        List<Dependant.Routine> routines = new ArrayList<>();
        // other schemas: an SQL-standard body that uses a table of scope (pg_depend), or a body of text that names
        // scope as a qualifier (a PL/pgSQL report function of schema reporting reading public.customer)
        for (Map<String, String> r : query(c, "SELECT p.oid::text AS oid, n.nspname, p.proname, " + kindColumn
                + " AS prokind, l.lanname, " + sqlBodyColumn + " IS NOT NULL AS sqlbody, CASE WHEN " + sqlBodyColumn
                + " IS NOT NULL THEN pg_get_functiondef(p.oid) ELSE p.prosrc END AS body"
                + " FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang JOIN pg_namespace n"
                + " ON n.oid = p.pronamespace WHERE " + kindColumn + " IN ('f', 'p') AND (p.pronamespace ="
                + " ?::regnamespace OR " + CatalogReader.USER_SCHEMAS.formatted("n.nspname") + " AND (p.oid::text"
                + " = ANY (?::text[]) OR " + sqlBodyColumn + " IS NULL AND " + NAMES_SCOPE
                + " AND l.lanname <> 'c' AND l.lanname <> 'internal')) ORDER BY p.pronamespace <> ?::regnamespace,"
                + " n.nspname, p.oid", scope, "{" + String.join(",", procUses.keySet()) + "}", scope + ".",
                quotePg(scope) + ".", scope)) {
            boolean here = r.get("nspname").equals(scope);
            if (here && own.contains("function\u0001" + r.get("proname"))) {
                continue;
            }
            boolean sqlBody = "t".equals(r.get("sqlbody"));
            List<Dependant.Use> uses = sqlBody ? List.copyOf(procUses.getOrDefault(r.get("oid"), Set.of()))
                    : BodyScan.scan(r.get("body"), tables, null).uses();
            if (!here && uses.isEmpty()) {
                continue;
            }
            routines.add(new Dependant.Routine(name(scope, r.get("nspname"), r.get("proname")),
                    "p".equals(r.get("prokind")) ? "procedure" : "function", r.get("lanname"), r.get("body"), uses,
                    sqlBody, sqlBody));
        }
        List<Dependant.Trigger> triggers = new ArrayList<>();
        for (Map<String, String> r : query(c, "SELECT t.tgname, c.relname, t.tgtype::int AS tgtype, p.proname,"
                + " pn.nspname AS fschema, p.prosrc, l.lanname, pg_get_triggerdef(t.oid) AS def,"
                + " encode(t.tgargs, 'escape') AS args, cn.nspname AS tschema"
                + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid"
                + " JOIN pg_namespace pn ON pn.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang"
                + " JOIN pg_namespace cn ON cn.oid = c.relnamespace"
                + " WHERE NOT t.tgisinternal AND (c.relnamespace = ?::regnamespace"
                // a trigger of another schema's table whose function names scope as a qualifier
                + " OR " + CatalogReader.USER_SCHEMAS.formatted("cn.nspname")
                + " AND " + NAMES_SCOPE + " AND l.lanname IN ('plpgsql', 'sql'))"
                + " ORDER BY c.relnamespace <> ?::regnamespace, cn.nspname, c.oid, t.tgname",
                scope, scope + ".", quotePg(scope) + ".", scope)) {
            boolean here = r.get("tschema").equals(scope);
            if (here && (own.contains("trigger\u0001" + r.get("tgname"))
                    || own.contains("function\u0001" + r.get("proname")))) {
                continue;
            }
            int type = Integer.parseInt(r.get("tgtype"));
            String timing = (type & 64) != 0 ? "INSTEAD OF" : (type & 2) != 0 ? "BEFORE" : "AFTER";
            List<String> events = new ArrayList<>();
            if ((type & 4) != 0) {
                events.add("INSERT");
            }
            if ((type & 16) != 0) {
                events.add("UPDATE");
            }
            if ((type & 8) != 0) {
                events.add("DELETE");
            }
            if ((type & 32) != 0) {
                events.add("TRUNCATE");
            }
            Ident table = name(scope, r.get("tschema"), r.get("relname"));
            String body = "plpgsql".equals(r.get("lanname")) || "sql".equals(r.get("lanname")) ? r.get("prosrc")
                    : r.get("def");
            BodyScan.Found found = BodyScan.scan(body, tables, table);
            List<Ident> assigns = new ArrayList<>(found.assigns());
            if (r.get("proname").startsWith("tsvector_update_trigger") && r.get("args") != null) {
                // the built-in full-text trigger: its first argument is the column it sets
                String first = r.get("args").split("\\\\000", -1)[0];
                tables.stream().filter(x -> x.name().sameAs(table)).findFirst()
                        .flatMap(x -> x.column(Ident.of(first))).ifPresent(col -> assigns.add(col.name()));
            }
            if (!here && found.uses().stream().noneMatch(u -> !u.table().sameAs(table))) {
                continue;
            }
            triggers.add(new Dependant.Trigger(Ident.of(r.get("tgname")), table, timing, events,
                    name(scope, r.get("fschema"), r.get("proname")), body, assigns, found.writes(), found.uses(),
                    false));
        }
        List<Dependant.Generated> generated = new ArrayList<>();
        // generated columns (attgenerated) came with PostgreSQL 12
        for (Map<String, String> r : major < 12 ? List.<Map<String, String>>of() : query(c, "SELECT c.relname, a.attname, a.attgenerated,"
                + " pg_get_expr(d.adbin, d.adrelid) AS expr FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE a.attgenerated <> '' AND c.relnamespace = ?::regnamespace ORDER BY c.oid, a.attnum",
                scope)) {
            generated.add(generated(tables, r.get("relname"), r.get("attname"), r.get("expr"),
                    "s".equals(r.get("attgenerated"))));
        }
        return new Dependants(views, routines, triggers, generated, List.of());
    }

    /** {@code name} of {@code schema}: unqualified in scope, schema-qualified elsewhere (named so in refusals). */
    private static Ident name(String scope, String schema, String name) {
        return Ident.qualified(scope.equals(schema) ? null : schema, name);
    }

    private static Dependant.Generated generated(List<Table> tables, String table, String column, String expression,
                                                 boolean stored) {
        Ident t = Ident.of(table);
        List<Dependant.Use> uses = BodyScan.scan(expression, tables, t).uses().stream()
                .filter(u -> u.column() == null || !u.column().sameAs(Ident.of(column))).toList();
        return new Dependant.Generated(t, Ident.of(column), expression, stored, uses);
    }

    // ------------------------------------------------------------------ MySQL / MariaDB

    private static Dependants mysql(Connection c, String scope, List<Table> tables, Set<String> own)
            throws SQLException {
        List<Dependant.View> views = new ArrayList<>();
        // the views of scope, and those of other databases whose definition (which the server stores with every
        // table qualified by its database) names a table of scope: `scope`.`customer`
        String qualifier = "`" + scope.replace("`", "``") + "`.";
        for (Map<String, String> r : query(c, "SELECT table_schema AS db, table_name AS name, view_definition AS def,"
                + " check_option AS chk, security_type AS sec, definer"
                + " FROM information_schema.views WHERE table_schema = ? OR LOCATE(?, view_definition) > 0"
                + " ORDER BY table_schema <> ?, table_schema, table_name", scope, qualifier, scope)) {
            boolean here = scope.equals(r.get("db"));
            if (here && own.contains("view\u0001" + r.get("name"))) {
                continue;
            }
            // MariaDB has no VIEW_COLUMN_USAGE; the definition (as the server stored it, names qualified) is scanned
            List<Dependant.Use> uses = BodyScan.scan(r.get("def"), tables, null).uses();
            String check = r.get("chk");
            if (here || !uses.isEmpty()) {
                views.add(new Dependant.View(name(scope, r.get("db"), r.get("name")), false, r.get("def"), uses,
                        false, new ViewOptions(check == null || "NONE".equalsIgnoreCase(check) ? null : check,
                        r.get("sec"), r.get("definer"), List.of())));
            }
        }
        // routines and triggers of other databases: those whose body names scope as a qualifier (`scope`. or scope.)
        String bare = scope + ".";
        List<Dependant.Routine> routines = new ArrayList<>();
        for (Map<String, String> r : query(c, "SELECT routine_schema AS db, routine_name AS name, routine_type AS"
                + " kind, routine_definition AS body FROM information_schema.routines WHERE routine_schema = ?"
                + " OR LOCATE(?, routine_definition) > 0 OR LOCATE(?, routine_definition) > 0"
                + " ORDER BY routine_schema <> ?, routine_schema, routine_name", scope, qualifier, bare, scope)) {
            boolean here = scope.equals(r.get("db"));
            if (here && own.contains("function\u0001" + r.get("name"))) {
                continue;
            }
            List<Dependant.Use> uses = BodyScan.scan(r.get("body"), tables, null).uses();
            if (here || !uses.isEmpty()) {
                routines.add(new Dependant.Routine(name(scope, r.get("db"), r.get("name")),
                        r.get("kind").toLowerCase(Locale.ROOT), "sql", r.get("body"), uses, false, false));
            }
        }
        List<Dependant.Trigger> triggers = new ArrayList<>();
        for (Map<String, String> r : query(c, "SELECT trigger_schema AS db, trigger_name AS name,"
                + " event_object_schema AS tdb, event_object_table AS tbl, action_timing AS timing,"
                + " event_manipulation AS event, action_statement AS body FROM information_schema.triggers"
                + " WHERE trigger_schema = ? OR LOCATE(?, action_statement) > 0 OR LOCATE(?, action_statement) > 0"
                + " ORDER BY trigger_schema <> ?, trigger_schema, event_object_table, action_order, trigger_name",
                scope, qualifier, bare, scope)) {
            boolean here = scope.equals(r.get("db"));
            if (here && own.contains("trigger\u0001" + r.get("name"))) {
                continue;
            }
            Ident table = name(scope, r.get("tdb"), r.get("tbl"));
            BodyScan.Found found = BodyScan.scan(r.get("body"), tables, table);
            if (!here && found.uses().stream().noneMatch(u -> !u.table().sameAs(table))) {
                continue;
            }
            triggers.add(new Dependant.Trigger(name(scope, r.get("db"), r.get("name")), table, r.get("timing"),
                    List.of(r.get("event")), null, r.get("body"), found.assigns(), found.writes(), found.uses(),
                    false));
        }
        List<Dependant.Generated> generated = new ArrayList<>();
        List<Dependant.Use> onUpdate = new ArrayList<>();
        for (Map<String, String> r : query(c, "SELECT table_name AS t, column_name AS c, extra AS x,"
                + " generation_expression AS g FROM information_schema.columns WHERE table_schema = ?"
                + " ORDER BY table_name, ordinal_position", scope)) {
            String extra = r.get("x") == null ? "" : r.get("x").toUpperCase(Locale.ROOT);
            if (extra.contains("ON UPDATE")) {
                onUpdate.add(new Dependant.Use(Ident.of(r.get("t")), Ident.of(r.get("c"))));
            }
            if ((extra.contains("GENERATED") || extra.contains("PERSISTENT") || extra.contains("VIRTUAL"))
                    && r.get("g") != null && !r.get("g").isEmpty()) {
                generated.add(generated(tables, r.get("t"), r.get("c"), r.get("g"),
                        extra.contains("STORED") || extra.contains("PERSISTENT")));
            }
        }
        return new Dependants(views, routines, triggers, generated, onUpdate);
    }

    private static List<Map<String, String>> query(Connection c, String sql, String... args) throws SQLException {
        List<Map<String, String>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getString(i));
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }
}
