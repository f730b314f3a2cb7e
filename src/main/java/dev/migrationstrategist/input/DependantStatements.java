package dev.migrationstrategist.input;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.schema.Dependant;
import dev.migrationstrategist.schema.Dependants;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.ViewOptions;
import dev.migrationstrategist.schema.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the objects that depend on tables from a schema file, as pg_dump and mariadb-dump print them (and as people
 * write them): {@code CREATE [OR REPLACE] [ALGORITHM=...] [DEFINER=...] [SQL SECURITY ...] VIEW},
 * {@code CREATE MATERIALIZED VIEW}, {@code CREATE [OR REPLACE] FUNCTION | PROCEDURE}, {@code CREATE [CONSTRAINT]
 * TRIGGER}, and in column definitions {@code ON UPDATE CURRENT_TIMESTAMP} and {@code GENERATED ALWAYS AS (...)} /
 * {@code AS (...) VIRTUAL | STORED | PERSISTENT}. A dump creates functions before the tables their bodies use and
 * a mariadb-dump writes a placeholder view before the real one, so what each object uses is found at the end
 * ({@link #resolve}), from its text's tokens ({@link BodyScan}); a later CREATE of the same name replaces the earlier.
 */
final class DependantStatements {
    private record Raw(String kind, Ident name, String text, boolean materialized, String language, boolean sqlBody,
                       Ident table, String timing, List<String> events, Ident function, ViewOptions options) {
        Raw(String kind, Ident name, String text, boolean materialized, String language, boolean sqlBody,
            Ident table, String timing, List<String> events, Ident function) {
            this(kind, name, text, materialized, language, sqlBody, table, timing, events, function, ViewOptions.NONE);
        }
    }

    private record RawColumn(Ident table, Ident column, String expression, boolean stored) {
    }

    private final Dialect dialect;
    private final Map<String, Raw> views = new LinkedHashMap<>();
    private final Map<String, Raw> routines = new LinkedHashMap<>();
    private final Map<String, Raw> triggers = new LinkedHashMap<>();
    private final List<RawColumn> generated = new ArrayList<>();
    private final List<Dependant.Use> onUpdate = new ArrayList<>();

    DependantStatements(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Takes a CREATE VIEW / MATERIALIZED VIEW / FUNCTION / PROCEDURE / TRIGGER; false for any other statement. */
    boolean accept(String sql, List<DdlText.Token> head) {
        if (head.isEmpty() || !head.get(0).is("CREATE")) {
            return false;
        }
        int i = 1;
        boolean materialized = false;
        // OR REPLACE, CONSTRAINT, ALGORITHM=..., DEFINER=`u`@`h`, SQL SECURITY ..., MATERIALIZED: up to the object word
        while (i < head.size() && i < 16 && !isObjectWord(head.get(i))) {
            DdlText.Token t = head.get(i);
            if (t.is("TABLE") || t.is("INDEX") || t.is("TYPE") || t.is("DOMAIN") || t.is("SCHEMA")
                    || t.is("SEQUENCE") || t.is("EXTENSION") || t.is("AS") || t.kind() == DdlText.Kind.GROUP) {
                return false;
            }
            i++;
        }
        if (i < head.size() && head.get(i).is("MATERIALIZED")) {
            materialized = true;
            i++;
        }
        if (i + 1 >= head.size()) {
            return false;
        }
        String kind = head.get(i).upper();
        Ident name = id(head.get(i + 1).text());
        switch (kind) {
            case "VIEW" -> {
                int as = find(head, i + 2, "AS");
                String query = as < 0 ? "" : sql.substring(head.get(as).end());
                views.put(name.lower(), new Raw("view", name, query, materialized, null, false, null, null, List.of(),
                        null, viewOptions(head, i, as)));
                return true;
            }
            case "FUNCTION", "PROCEDURE" -> {
                String language = "sql";
                int lang = find(head, i + 2, "LANGUAGE");
                if (lang >= 0 && lang + 1 < head.size()) {
                    language = head.get(lang + 1).text().replace("'", "").toLowerCase(Locale.ROOT);
                }
                String body = dollarBody(sql);
                boolean sqlBody = body == null && dialect.viewsBindToColumns()
                        && (find(head, i + 2, "ATOMIC") >= 0 || find(head, i + 2, "RETURN") >= 0);
                routines.put(name.lower(), new Raw(kind.toLowerCase(Locale.ROOT), name,
                        body == null ? sql.substring(head.get(i + 1).end()) : body, false, language, sqlBody, null,
                        null, List.of(), null));
                return true;
            }
            case "TRIGGER" -> {
                trigger(sql, head, i + 1, name);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private void trigger(String sql, List<DdlText.Token> head, int at, Ident name) {
        int j = at + 1;
        String timing = j < head.size() ? head.get(j).upper() : "";
        if (timing.equals("INSTEAD")) {
            timing = "INSTEAD OF";
            j++;
        }
        j++;
        List<String> events = new ArrayList<>();
        while (j < head.size() && !head.get(j).is("ON")) {
            String w = head.get(j).upper();
            if (w.equals("INSERT") || w.equals("UPDATE") || w.equals("DELETE") || w.equals("TRUNCATE")) {
                events.add(w);
            }
            j++;
        }
        Ident table = j + 1 < head.size() ? id(head.get(j + 1).text()) : null;
        if (table == null) {
            return;
        }
        Ident function = null;
        String text;
        int execute = find(head, j, "EXECUTE");
        if (execute >= 0 && execute + 2 < head.size()) {
            function = id(head.get(execute + 2).text());
            text = sql.substring(head.get(execute + 2).start());
        } else {
            int row = find(head, j, "ROW");
            text = row < 0 ? sql.substring(head.get(j + 1).end()) : sql.substring(head.get(row).end());
        }
        triggers.put(table.lower() + "\u0001" + name.lower(), new Raw("trigger", name, text, false, null, false,
                table, timing, events, function));
    }

    /** A column definition's {@code ON UPDATE CURRENT_TIMESTAMP} or generation expression. */
    void column(Ident table, Ident column, List<DdlText.Token> t) {
        for (int k = 0; k + 2 < t.size(); k++) {
            if (t.get(k).is("ON") && t.get(k + 1).is("UPDATE") && isNow(t.get(k + 2))) {
                onUpdate.add(new Dependant.Use(table, column));
            }
        }
        for (int k = 1; k + 1 < t.size(); k++) {
            if (t.get(k).is("AS") && t.get(k + 1).kind() == DdlText.Kind.GROUP
                    && (t.get(k - 1).is("ALWAYS") || k == 2 || k == 3)) {
                boolean stored = k + 2 < t.size() && (t.get(k + 2).is("STORED") || t.get(k + 2).is("PERSISTENT"));
                generated.add(new RawColumn(table, column, DdlText.unwrap(t.get(k + 1).inner()), stored
                        || dialect.viewsBindToColumns()));
                return;
            }
        }
    }

    /**
     * What the DDL says besides the query: MySQL/MariaDB {@code SQL SECURITY INVOKER|DEFINER} before the object word,
     * PostgreSQL {@code WITH (name = value, ...)} between the name and AS. A definer in a dump sits in a version
     * comment, which the reader drops: a view recreated from a schema file gets the applying user as definer.
     */
    private static ViewOptions viewOptions(List<DdlText.Token> head, int viewWord, int as) {
        String security = null;
        for (int k = 1; k + 2 < viewWord + 1 && k + 2 < head.size(); k++) {
            if (head.get(k).is("SQL") && head.get(k + 1).is("SECURITY")) {
                security = head.get(k + 2).upper();
            }
        }
        List<String> reloptions = new ArrayList<>();
        int end = as < 0 ? head.size() : as;
        for (int k = viewWord + 2; k + 1 < end; k++) {
            if (head.get(k).is("WITH") && head.get(k + 1).kind() == DdlText.Kind.GROUP) {
                for (String option : head.get(k + 1).inner().split(",")) {
                    String o = option.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
                    if (!o.isEmpty()) {
                        reloptions.add(o.contains("=") ? o : o + "=true");
                    }
                }
            }
        }
        return new ViewOptions(null, security, null, reloptions);
    }

    private static boolean isNow(DdlText.Token t) {
        String w = t.upper();
        return w.startsWith("CURRENT_TIMESTAMP") || w.startsWith("NOW") || w.startsWith("LOCALTIMESTAMP");
    }

    /** The objects read, with what each uses among {@code tables}. */
    Dependants resolve(List<Table> tables) {
        List<Dependant.View> v = new ArrayList<>();
        for (Raw r : views.values()) {
            v.add(new Dependant.View(r.name(), r.materialized(), r.text().trim(),
                    BodyScan.scan(r.text(), tables, null).uses(), false, r.options()));
        }
        List<Dependant.Routine> routineList = new ArrayList<>();
        for (Raw r : routines.values()) {
            routineList.add(new Dependant.Routine(r.name(), r.kind(), r.language(), r.text(),
                    BodyScan.scan(r.text(), tables, null).uses(), r.sqlBody(), r.sqlBody()));
        }
        List<Dependant.Trigger> triggerList = new ArrayList<>();
        for (Raw r : triggers.values()) {
            Raw fn = r.function() == null ? null : routines.get(r.function().lower());
            String body = fn == null ? r.text() : fn.text();
            BodyScan.Found found = BodyScan.scan(body, tables, r.table());
            List<Ident> assigns = new ArrayList<>(found.assigns());
            if (r.function() != null && r.function().lower().startsWith("tsvector_update_trigger")) {
                // the built-in full-text trigger: its first argument names the column it sets
                List<DdlText.Token> call = DdlText.tokens(r.text());
                if (call.size() > 1 && call.get(1).kind() == DdlText.Kind.GROUP) {
                    String first = call.get(1).inner().split(",")[0].trim().replace("'", "");
                    tables.stream().filter(x -> x.name().sameAs(r.table())).findFirst()
                            .flatMap(x -> x.column(Ident.of(first))).ifPresent(c -> assigns.add(c.name()));
                }
            }
            triggerList.add(new Dependant.Trigger(r.name(), r.table(), r.timing(), r.events(), r.function(), body,
                    assigns, found.writes(), found.uses(), false));
        }
        List<Dependant.Generated> gen = new ArrayList<>();
        for (RawColumn g : generated) {
            gen.add(new Dependant.Generated(g.table(), g.column(), g.expression(), g.stored(),
                    BodyScan.scan(g.expression(), tables, g.table()).uses().stream()
                            .filter(u -> u.column() == null || !u.column().sameAs(g.column())).toList()));
        }
        return new Dependants(v, routineList, triggerList, gen, onUpdate);
    }

    private static boolean isObjectWord(DdlText.Token t) {
        return t.is("VIEW") || t.is("FUNCTION") || t.is("PROCEDURE") || t.is("TRIGGER") || t.is("MATERIALIZED");
    }

    private static int find(List<DdlText.Token> head, int from, String word) {
        for (int k = Math.max(0, from); k < head.size(); k++) {
            if (head.get(k).is(word)) {
                return k;
            }
        }
        return -1;
    }

    /** The text between a PostgreSQL body's dollar quotes ({@code $$ ... $$}, {@code $body$ ... $body$}), or null. */
    private static String dollarBody(String sql) {
        int start = sql.indexOf('$');
        while (start >= 0) {
            int end = start + 1;
            while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                end++;
            }
            if (end < sql.length() && sql.charAt(end) == '$') {
                String tag = sql.substring(start, end + 1);
                int close = sql.indexOf(tag, end + 1);
                if (close > 0) {
                    return sql.substring(end + 1, close);
                }
            }
            start = sql.indexOf('$', start + 1);
        }
        return null;
    }

    private Ident id(String written) {
        String w = written;
        int paren = w.indexOf('(');
        if (paren > 0 && !w.startsWith("\"") && !w.startsWith("`")) {
            w = w.substring(0, paren);
        }
        return Idents.fromSql(w, dialect);
    }
}
