package dev.migrationstrategist.input;

import dev.migrationstrategist.dialect.Dialect;

import java.util.List;
import java.util.Optional;

/**
 * A schema file's {@code SET search_path = a, b} / {@code SET search_path TO a} or pg_dump's
 * {@code SELECT pg_catalog.set_config('search_path', 'a, b', false)}: the first schema it names is where the file's
 * unqualified tables are created. An empty path (pg_dump's {@code ''}, which then qualifies every name) names none.
 */
final class SearchPath {
    private SearchPath() {
    }

    static boolean matches(List<DdlText.Token> head) {
        if (head.size() >= 2 && head.get(0).is("SET") && head.get(1).text().equalsIgnoreCase("search_path")) {
            return true;
        }
        return head.size() >= 2 && head.get(0).is("SELECT")
                && head.get(1).text().toLowerCase(java.util.Locale.ROOT).replace("pg_catalog.", "")
                .startsWith("set_config")
                && (head.size() > 2 && head.get(2).text().toLowerCase(java.util.Locale.ROOT).contains("'search_path'")
                || head.get(1).text().toLowerCase(java.util.Locale.ROOT).contains("'search_path'"));
    }

    /** The first schema named, as the catalog stores it; empty for an empty path or {@code "$user"} alone. */
    static Optional<String> first(String sql, Dialect dialect) {
        String text = sql.trim();
        String list;
        int config = text.toLowerCase(java.util.Locale.ROOT).indexOf("'search_path'");
        if (config >= 0) {
            int open = text.indexOf('\'', config + "'search_path'".length());
            int close = open < 0 ? -1 : text.indexOf('\'', open + 1);
            if (close < 0) {
                return Optional.empty();
            }
            list = text.substring(open + 1, close);
        } else {
            String rest = text.replaceFirst("(?i)^SET\\s+search_path\\s*(=|\\bTO\\b)\\s*", "");
            list = rest.replaceFirst(";\\s*$", "").replace("'", "");
        }
        for (String part : list.split(",")) {
            String p = part.trim();
            if (p.isEmpty() || p.equalsIgnoreCase("\"$user\"") || p.equalsIgnoreCase("$user")
                    || p.equalsIgnoreCase("DEFAULT")) {
                continue;
            }
            return Optional.of(Idents.fromSql(p, dialect).name());
        }
        return Optional.empty();
    }
}
