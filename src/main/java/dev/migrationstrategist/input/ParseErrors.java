package dev.migrationstrategist.input;

import net.sf.jsqlparser.JSQLParserException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a JSqlParser error into one line: file, line and column in the user's file, and what was found. */
final class ParseErrors {
    private static final Pattern POSITION = Pattern.compile("at line (\\d+), column (\\d+)");
    private static final Pattern TOKEN = Pattern.compile("Encountered unexpected token: ?(\"[^\"]*\"|<EOF>|\\S+)");

    private ParseErrors() {
    }

    static String describe(String source, SqlScript.Statement st, JSQLParserException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Matcher pos = POSITION.matcher(message);
        int line = st.line();
        int column = st.column();
        if (pos.find()) {
            int relLine = Integer.parseInt(pos.group(1));
            int relCol = Integer.parseInt(pos.group(2));
            line = st.line() + relLine - 1;
            column = relLine == 1 ? st.column() + relCol - 1 : relCol;
        }
        Matcher token = TOKEN.matcher(message);
        String found = token.find() ? token.group(1) : null;
        return line(source, line, column, found, st);
    }

    /** The same line for an error found by a hand-written reader at {@code offset} in the statement. */
    static String describe(String source, SqlScript.Statement st, DdlSyntaxException e) {
        SqlScript.Position p = st.position(e.offset());
        return line(source, p.line(), p.column(), e.found(), st);
    }

    private static String line(String source, int line, int column, String found, SqlScript.Statement st) {
        String firstLine = st.sql().lines().findFirst().orElse("");
        if (firstLine.length() > 60) {
            firstLine = firstLine.substring(0, 57) + "...";
        }
        return source + ":" + line + ":" + column + ": cannot parse SQL"
                + (found == null ? "" : "; unexpected " + ("<EOF>".equals(found) ? "end of statement" : found))
                + " in: " + firstLine;
    }
}
