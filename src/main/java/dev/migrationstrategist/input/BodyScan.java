package dev.migrationstrategist.input;

import dev.migrationstrategist.schema.Dependant;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the body of a view, routine or trigger names, read from its tokens where the engine does not say it
 * (PostgreSQL PL/pgSQL bodies, MariaDB views and routines): the tables it names, the columns of those tables it
 * names (a column name alone counts for every named table that has it), and for a trigger the columns of its own
 * table it assigns ({@code NEW.col := ...}, {@code SET NEW.col = ...}) and the tables it writes
 * ({@code INSERT INTO t}, {@code UPDATE t}, {@code DELETE FROM t}). The words inside string literals count too
 * (dynamic SQL run by EXECUTE, trigger arguments naming columns); comments and dollar-quoted literals are skipped.
 * Quoted names keep their case, other names are compared case-insensitively. A body can only <em>name</em> things
 * this way (SQL built from pieces at run time is not seen), so the result is what it <em>may</em> use.
 */
public final class BodyScan {
    /** A name (possibly qualified, parts split) or a symbol. */
    private record Tok(List<String> parts, boolean word, String symbol) {
        String last() {
            return parts.get(parts.size() - 1);
        }

        boolean is(String keyword) {
            return word && parts.size() == 1 && parts.get(0).equalsIgnoreCase(keyword);
        }
    }

    /** What a body names. */
    public record Found(List<Dependant.Use> uses, List<Ident> assigns, List<Ident> writes) {
    }

    private BodyScan() {
    }

    /**
     * Scans {@code body} against {@code tables}; {@code own} is the trigger's table (null for a view or routine),
     * whose columns {@code NEW.x} / {@code OLD.x} name.
     */
    public static Found scan(String body, List<Table> tables, Ident own) {
        List<Tok> toks = tokens(body == null ? "" : body);
        Set<Dependant.Use> uses = new LinkedHashSet<>();
        List<Table> named = new ArrayList<>();
        Table ownTable = own == null ? null : find(tables, own);
        if (ownTable != null) {
            named.add(ownTable);
            uses.add(Dependant.Use.table(ownTable.name()));
        }
        for (Tok t : toks) {
            if (t.word()) {
                Table table = find(tables, Ident.of(t.last()));
                if (table != null && !named.contains(table)) {
                    named.add(table);
                    uses.add(Dependant.Use.table(table.name()));
                }
            }
        }
        Set<Ident> assigns = new LinkedHashSet<>();
        Set<Ident> writes = new LinkedHashSet<>();
        for (int i = 0; i < toks.size(); i++) {
            Tok t = toks.get(i);
            if (!t.word()) {
                continue;
            }
            if (t.parts().size() >= 2) {
                String qualifier = t.parts().get(t.parts().size() - 2);
                Ident col = Ident.of(t.last());
                boolean rowRef = qualifier.equalsIgnoreCase("new") || qualifier.equalsIgnoreCase("old");
                Table table = rowRef ? ownTable : find(tables, Ident.of(qualifier));
                List<Table> candidates = table != null ? List.of(table) : named;
                for (Table c : candidates) {
                    c.column(col).ifPresent(column -> uses.add(new Dependant.Use(c.name(), column.name())));
                }
                if (rowRef && qualifier.equalsIgnoreCase("new") && ownTable != null && i + 1 < toks.size()
                        && (":=".equals(toks.get(i + 1).symbol()) || "=".equals(toks.get(i + 1).symbol()))
                        && assignment(toks, i)) {
                    ownTable.column(col).ifPresent(column -> assigns.add(column.name()));
                }
            } else {
                for (Table c : named) {
                    c.column(Ident.of(t.last())).ifPresent(column -> uses.add(new Dependant.Use(c.name(),
                            column.name())));
                }
            }
            Tok next = i + 1 < toks.size() ? toks.get(i + 1) : null;
            Tok after = i + 2 < toks.size() ? toks.get(i + 2) : null;
            Ident target = null;
            if ((t.is("INSERT") || t.is("REPLACE")) && next != null && next.is("INTO") && after != null && after.word()) {
                target = Ident.of(after.last());
            } else if (t.is("DELETE") && next != null && next.is("FROM") && after != null && after.word()) {
                target = Ident.of(after.last());
            } else if (t.is("UPDATE") && next != null && next.word() && !next.is("OF") && !next.is("ON")) {
                target = Ident.of(next.last());
            }
            if (target != null) {
                Table written = find(tables, target);
                writes.add(written == null ? target : written.name());
            }
        }
        return new Found(List.copyOf(uses), List.copyOf(assigns), List.copyOf(writes));
    }

    /** {@code NEW.x = ...} is an assignment where it starts a statement (PL/pgSQL {@code :=} always is). */
    private static boolean assignment(List<Tok> toks, int i) {
        if (":=".equals(toks.get(i + 1).symbol())) {
            return true;
        }
        if (i == 0) {
            return true;
        }
        Tok prev = toks.get(i - 1);
        return prev.is("SET") || ";".equals(prev.symbol()) || ",".equals(prev.symbol()) || prev.is("THEN")
                || prev.is("ELSE") || prev.is("BEGIN") || prev.is("LOOP");
    }

    private static Table find(List<Table> tables, Ident name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst()
                .or(() -> tables.stream().filter(t -> t.name().sameAs(name)).findFirst()).orElse(null);
    }

    /** The names and symbols of a body, strings and comments left out. */
    private static List<Tok> tokens(String s) {
        List<Tok> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-' || c == '#') {
                int end = s.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'') {
                // a string may be dynamic SQL (EXECUTE '...', PREPARE) or a trigger argument naming a column:
                // its words count as names too
                int end = closeQuote(s, i, '\'');
                out.addAll(tokens(s.substring(i + 1, Math.max(i + 1, end - 1)).replace("''", "'")));
                i = end;
            } else if (c == '$' && dollarTag(s, i) != null) {
                String tag = dollarTag(s, i);
                int end = s.indexOf(tag, i + tag.length());
                i = end < 0 ? n : end + tag.length();
            } else if (c == '"' || c == '`' || isNameStart(c)) {
                List<String> parts = new ArrayList<>();
                while (true) {
                    char d = s.charAt(i);
                    if (d == '"' || d == '`') {
                        int end = closeQuote(s, i, d);
                        parts.add(s.substring(i + 1, Math.max(i + 1, end - 1)).replace(String.valueOf(d) + d,
                                String.valueOf(d)));
                        i = end;
                    } else {
                        int start = i;
                        while (i < n && isNamePart(s.charAt(i))) {
                            i++;
                        }
                        parts.add(s.substring(start, i).toLowerCase(Locale.ROOT));
                    }
                    if (i + 1 < n && s.charAt(i) == '.' && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '`'
                            || isNameStart(s.charAt(i + 1)))) {
                        i++;
                    } else {
                        break;
                    }
                }
                out.add(new Tok(parts, true, null));
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
            } else if (c == ':' && i + 1 < n && s.charAt(i + 1) == '=') {
                out.add(new Tok(List.of(), false, ":="));
                i += 2;
            } else {
                out.add(new Tok(List.of(), false, String.valueOf(c)));
                i++;
            }
        }
        return out;
    }

    private static String dollarTag(String s, int i) {
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            j++;
        }
        return j < s.length() && s.charAt(j) == '$' ? s.substring(i, j + 1) : null;
    }

    private static int closeQuote(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && quote == '\'' && i + 1 < s.length()) {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return s.length();
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
