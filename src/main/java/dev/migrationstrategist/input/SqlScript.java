package dev.migrationstrategist.input;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an SQL script into statements at top-level semicolons, aware of quotes, dollar-quoted bodies,
 * comments, psql meta-commands ({@code \\restrict} in pg_dump 15.14+ output), MySQL {@code DELIMITER} lines and
 * MySQL executable comments, and remembers where each statement starts (line and column, 1-based), so errors and
 * findings can point at the user's text.
 *
 * <p>In MySQL mode an executable comment {@code /*!40101 SET NAMES utf8mb4 *}{@code /} is read as the server reads
 * it: its markers become spaces and its content is SQL (so {@code /*!50001 CREATE VIEW ...*}{@code /} is a CREATE
 * VIEW). A comment versioned 999999 or above ({@code /*M!999999\\- enable the sandbox mode *}{@code /}) is a
 * client-only comment that no server runs, and stays a comment. Markers are replaced by spaces of the same length so
 * that columns in the statement text stay those of the file.
 */
public final class SqlScript {

    /** One statement: its text without the final semicolon, and where it starts. */
    public record Statement(String sql, int line, int column) {
        /** The file's line and column of the character at {@code offset} in {@link #sql()}. */
        public Position position(int offset) {
            int line = this.line;
            int lastNewline = -1;
            for (int i = 0; i < offset && i < sql.length(); i++) {
                if (sql.charAt(i) == '\n') {
                    line++;
                    lastNewline = i;
                }
            }
            return new Position(line, lastNewline < 0 ? column + offset : offset - lastNewline);
        }
    }

    /** A 1-based line and column in the user's file. */
    public record Position(int line, int column) {
        @Override
        public String toString() {
            return line + ":" + column;
        }
    }

    private SqlScript() {
    }

    /** Splits with PostgreSQL's rules: a backslash is an ordinary character in '...' (but not in E'...'). */
    public static List<Statement> split(String script) {
        return split(script, false);
    }

    /**
     * @param backslashEscapes true for MySQL/MariaDB, where a backslash escapes the next character in a string and
     *                         {@code #} starts a comment
     */
    public static List<Statement> split(String script, boolean backslashEscapes) {
        List<Statement> out = new ArrayList<>();
        String delimiter = ";";
        Text current = new Text(script);
        int line = 1;
        int col = 1;
        int startLine = -1;
        int startCol = -1;
        int i = 0;
        int n = script.length();
        char[] a = script.toCharArray(); // indexed below instead of charAt: 3 MB dumps, read C1-compiled
        char delimiterStart = ';';
        boolean lineStart = true;
        boolean inExecutableComment = false;
        while (i < n) {
            char c = a[i];
            if (c == '\\' && startLine < 0) {
                // a psql meta-command (\restrict KEY, \connect db): runs to the end of its line, no semicolon
                int end = script.indexOf('\n', i);
                end = end < 0 ? n : end;
                col += end - i;
                i = end;
                continue;
            }
            if (backslashEscapes && c == '/' && script.startsWith("/*", i) && executableMarker(script, i) > 0) {
                int marker = executableMarker(script, i);
                inExecutableComment = true;
                if (startLine >= 0) {
                    current.append(" ".repeat(marker));
                }
                col += marker;
                i += marker;
                continue;
            }
            if (inExecutableComment && c == '*' && i + 1 < n && a[i + 1] == '/') {
                inExecutableComment = false;
                if (startLine >= 0) {
                    current.append("  ");
                }
                col += 2;
                i += 2;
                continue;
            }
            if (lineStart && script.regionMatches(true, i, "DELIMITER ", 0, 10) && current.toString().isBlank()) {
                int end = script.indexOf('\n', i);
                if (end < 0) {
                    end = n;
                }
                delimiter = script.substring(i + 10, end).trim();
                if (delimiter.isEmpty()) {
                    delimiter = ";";
                }
                delimiterStart = delimiter.charAt(0);
                i = end;
                continue;
            }
            lineStart = false;
            // comments
            if (c == '-' && i + 1 < n && a[i + 1] == '-' || c == '#' && backslashEscapes) {
                int end = script.indexOf('\n', i);
                if (end < 0) {
                    end = n;
                }
                if (startLine >= 0) {
                    current.range(i, end);
                }
                col += end - i;
                i = end;
                continue;
            }
            if (c == '/' && i + 1 < n && a[i + 1] == '*') {
                int end = script.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                if (startLine >= 0) {
                    current.range(i, end);
                }
                for (int k = i; k < end; k++) {
                    if (a[k] == '\n') {
                        line++;
                        col = 1;
                    } else {
                        col++;
                    }
                }
                i = end;
                continue;
            }
            if (c == delimiterStart && script.startsWith(delimiter, i)) {
                String text = current.toString();
                if (startLine >= 0 && !text.isBlank()) {
                    out.add(new Statement(text.trim(), startLine, startCol));
                }
                current.clear();
                startLine = -1;
                i += delimiter.length();
                col += delimiter.length();
                continue;
            }
            if (startLine < 0 && !Character.isWhitespace(c)) {
                startLine = line;
                startCol = col;
            }
            int end = i + 1;
            if (c == '\'' || c == '"' || c == '`') {
                boolean escapes = c == '\'' && (backslashEscapes
                        || i > 0 && (a[i - 1] == 'E' || a[i - 1] == 'e'));
                end = closeQuote(script, i, c, escapes);
            } else if (c == '$') {
                String tag = dollarTag(script, i);
                if (tag != null) {
                    int close = script.indexOf(tag, i + tag.length());
                    end = close < 0 ? n : close + tag.length();
                }
            }
            current.range(i, end);
            for (int k = i; k < end; k++) {
                if (a[k] == '\n') {
                    line++;
                    col = 1;
                    lineStart = true;
                } else {
                    col++;
                }
            }
            i = end;
        }
        String text = current.toString();
        if (startLine >= 0 && !text.isBlank()) {
            out.add(new Statement(text.trim(), startLine, startCol));
        }
        return out;
    }

    /**
     * A statement's text as it is collected: runs of the script's own characters are kept as one range and copied
     * when the run ends (a character at a time cost most of splitting a dump), other text is appended as it comes.
     */
    private static final class Text {
        private final String script;
        private final StringBuilder built = new StringBuilder();
        private int from = -1;
        private int to = -1;

        Text(String script) {
            this.script = script;
        }

        /** Appends {@code script[start, end)}. */
        void range(int start, int end) {
            if (start == to) {
                to = end;
                return;
            }
            flush();
            from = start;
            to = end;
        }

        void append(String text) {
            flush();
            built.append(text);
        }

        void clear() {
            built.setLength(0);
            from = -1;
            to = -1;
        }

        @Override
        public String toString() {
            if (built.isEmpty()) { // the usual statement: one run of the script
                return from < 0 ? "" : script.substring(from, to);
            }
            flush();
            return built.toString();
        }

        private void flush() {
            if (from >= 0) {
                built.append(script, from, to);
                from = -1;
                to = -1;
            }
        }
    }

    /**
     * The length of a MySQL executable-comment opening ({@code /*!}, {@code /*!50001 }, {@code /*M!100101 }) at
     * {@code i}, or 0 when there is none or its version (999999 and above) means no server runs it.
     */
    static int executableMarker(String s, int i) {
        int j = i + 2;
        if (j < s.length() && s.charAt(j) == 'M') {
            j++;
        }
        if (j >= s.length() || s.charAt(j) != '!') {
            return 0;
        }
        j++;
        int digits = j;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
        }
        if (j - digits >= 6 && Long.parseLong(s.substring(digits, j)) >= 999999) {
            return 0;
        }
        if (j < s.length() && s.charAt(j) == ' ') {
            j++;
        }
        return j - i;
    }

    private static int closeQuote(String s, int start, char quote, boolean escapes) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && escapes && i + 1 < s.length()) {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return s.length();
    }

    /** {@code $$} or {@code $tag$} at position i, or null. */
    private static String dollarTag(String s, int i) {
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            j++;
        }
        if (j < s.length() && s.charAt(j) == '$') {
            String tag = s.substring(i, j + 1);
            if (tag.length() > 2 && Character.isDigit(tag.charAt(1))) {
                return null; // $1 is a parameter, not a tag
            }
            return tag;
        }
        return null;
    }
}
