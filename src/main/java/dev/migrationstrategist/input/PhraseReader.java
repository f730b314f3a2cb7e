package dev.migrationstrategist.input;

import dev.migrationstrategist.api.StrategistException;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.RenameColumn;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.schema.Ident;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads change phrases that mirror how people ask: {@code rename column users.name to full_name}.
 * Names may be quoted with double quotes or backticks to keep their case or odd characters.
 */
public final class PhraseReader {
    /** The grammar, one line per form, for help texts. */
    public static final List<String> GRAMMAR = List.of(
            "rename column TABLE.COLUMN to NEW_NAME",
            "add column TABLE.COLUMN TYPE [not null] [default EXPRESSION]",
            "drop column TABLE.COLUMN",
            "set not null on TABLE.COLUMN",
            "drop not null on TABLE.COLUMN",
            "set default of TABLE.COLUMN to EXPRESSION",
            "drop default of TABLE.COLUMN",
            "change type of TABLE.COLUMN to TYPE");

    static final String NAME = "(\"(?:[^\"]|\"\")+\"|`(?:[^`]|``)+`|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern RENAME_COLUMN = Pattern.compile(
            "(?i)\\s*rename\\s+column\\s+" + NAME + "\\s*\\.\\s*" + NAME + "\\s+to\\s+" + NAME + "\\s*");
    private final Dialect dialect;

    public PhraseReader(Dialect dialect) {
        this.dialect = dialect;
    }

    /** True when the text looks like a phrase rather than SQL or a file name. */
    public static boolean looksLikePhrase(String text) {
        return text.trim().matches("(?is)^(rename|split|merge|change|add|drop|make|set)\\s+(column|table|type|index"
                + "|not|default|constraint|unique|check|foreign|primary)\\b.*");
    }

    public ChangeRequest read(String phrase) {
        Matcher m = RENAME_COLUMN.matcher(phrase);
        if (m.matches()) {
            Change change = new RenameColumn(id(m.group(1)), id(m.group(2)), id(m.group(3)));
            return new ChangeRequest(change, "phrase '" + phrase.trim() + "'");
        }
        Change column = new ColumnPhrases(dialect).read(phrase);
        if (column != null) {
            return new ChangeRequest(column, "phrase '" + phrase.trim() + "'");
        }
        throw StrategistException.invalid("cannot read the phrase '" + phrase.trim() + "'" + hint(phrase)
                + "; expected: " + String.join(" | ", GRAMMAR));
    }

    private static String hint(String phrase) {
        String[] words = phrase.trim().split("\\s+");
        if (words.length >= 1 && !words[0].equalsIgnoreCase("rename")) {
            return words[0].matches("(?i)add|drop|set|change") ? "" : " at word 1 ('" + words[0] + "')";
        }
        if (words.length >= 2 && !words[1].equalsIgnoreCase("column")) {
            return " at word 2 ('" + words[1] + "', expected 'column')";
        }
        if (words.length < 4) {
            return " (it ends after word " + words.length + ")";
        }
        if (words.length >= 3 && !words[2].contains(".")) {
            return " at word 3 ('" + words[2] + "', expected TABLE.COLUMN)";
        }
        if (words.length >= 4 && !words[3].equalsIgnoreCase("to")) {
            return " at word 4 ('" + words[3] + "', expected 'to')";
        }
        return "";
    }

    private Ident id(String written) {
        return Idents.fromSql(written, dialect);
    }
}
