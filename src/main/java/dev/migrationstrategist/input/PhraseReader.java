package dev.migrationstrategist.input;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.RenameColumn;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Ident;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads change phrases that mirror how people ask: {@code rename column users.name to full_name}.
 * Names may be quoted with double quotes or backticks to keep their case or odd characters.
 */
public final class PhraseReader {
    /** The grammar, one line per form, for help texts. */
    public static final List<String> GRAMMAR = Stream.concat(Stream.of(
            "rename column TABLE.COLUMN to NEW_NAME [type TYPE]",
            "add column TABLE.COLUMN TYPE [not null] [default EXPRESSION]",
            "drop column TABLE.COLUMN",
            "set not null on TABLE.COLUMN",
            "drop not null on TABLE.COLUMN",
            "set default of TABLE.COLUMN to EXPRESSION",
            "drop default of TABLE.COLUMN",
            "change type of TABLE.COLUMN to TYPE"), Stream.concat(ObjectPhrases.GRAMMAR.stream(),
            Stream.concat(TablePhrases.GRAMMAR.stream(), DomainStatements.GRAMMAR.stream()))).toList();

    static final String NAME = "(\"(?:[^\"]|\"\")+\"|`(?:[^`]|``)+`|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern RENAME_COLUMN = Pattern.compile(
            "(?is)\\s*rename\\s+column\\s+" + NAME + "\\s*\\.\\s*" + NAME + "\\s+to\\s+" + NAME
                    + "(?:\\s+type\\s+(\\S.*?))?\\s*;?\\s*");
    private final Dialect dialect;

    public PhraseReader(Dialect dialect) {
        this.dialect = dialect;
    }

    /** True when the text looks like a phrase rather than SQL or a file name. */
    public static boolean looksLikePhrase(String text) {
        return text.trim().matches("(?is)^(rename|split|merge|move|change|add|drop|make|set|create)\\s+(column|columns|table|type|index"
                + "|not|default|constraint|unique|check|foreign|primary|value|values|enum)\\b.*")
                || text.trim().matches("(?is)^(remove|reorder)\\s+(value|values|enum)\\b.*");
    }

    public ChangeRequest read(String phrase) {
        Matcher m = RENAME_COLUMN.matcher(phrase);
        if (m.matches()) {
            DataType type = null;
            if (m.group(4) != null) {
                try {
                    type = DataType.parse(m.group(4));
                } catch (IllegalArgumentException e) {
                    throw StrategistException.invalid("phrase '" + phrase.trim() + "': " + e.getMessage());
                }
            }
            Change change = new RenameColumn(id(m.group(1)), id(m.group(2)), id(m.group(3)), type);
            return new ChangeRequest(change, "phrase '" + phrase.trim() + "'");
        }
        Change column = new ColumnPhrases(dialect).read(phrase);
        if (column != null) {
            return new ChangeRequest(column, "phrase '" + phrase.trim() + "'");
        }
        Change domain = new DomainStatements(dialect).phrase(phrase);
        if (domain != null) {
            return new ChangeRequest(domain, "phrase '" + phrase.trim() + "'");
        }
        Change table = new TablePhrases(dialect).read(phrase);
        if (table != null) {
            return new ChangeRequest(table, "phrase '" + phrase.trim() + "'");
        }
        var objects = new ObjectPhrases(dialect).read(phrase);
        if (objects.isPresent() && objects.get().size() == 1) {
            return new ChangeRequest(objects.get().get(0), "phrase '" + phrase.trim() + "'");
        }
        throw StrategistException.invalid("cannot read the phrase '" + phrase.trim() + "'" + hint(phrase)
                + "; expected: " + String.join(" | ", GRAMMAR));
    }

    /**
     * Points at the word where the phrase leaves the grammar form it follows furthest: the forms' lower-case words
     * are keywords, upper-case ones are placeholders that take any word. Ties go to the form whose keyword shares
     * the longest prefix with the word written ("colum" is closer to "column" than to "table").
     */
    static String hint(String phrase) {
        String[] words = phrase.trim().split("\\s+");
        String best = "";
        int bestMatched = 0;
        int bestCloseness = -1;
        for (String form : GRAMMAR) {
            String[] tokens = form.replaceAll("\\[[^\\]]*\\]", " ").trim().split("\\s+");
            int matched = 0;
            while (matched < Math.min(tokens.length, words.length) && accepts(tokens[matched], words[matched])) {
                matched++;
            }
            if (matched == 0 || matched >= tokens.length) {
                continue;
            }
            String expected = tokens[matched];
            String hint;
            int closeness = 0;
            if (matched >= words.length) {
                hint = " (it ends after word " + words.length + "; expected " + describe(expected) + ")";
            } else {
                closeness = commonPrefix(words[matched].toLowerCase(java.util.Locale.ROOT), expected);
                hint = " at word " + (matched + 1) + " ('" + words[matched] + "', expected " + describe(expected) + ")";
            }
            if (matched > bestMatched || matched == bestMatched && closeness > bestCloseness) {
                best = hint;
                bestMatched = matched;
                bestCloseness = closeness;
            }
        }
        return best;
    }

    private static boolean accepts(String token, String word) {
        if (token.equals(token.toLowerCase(java.util.Locale.ROOT))) {
            return token.equalsIgnoreCase(word);
        }
        return !token.contains(".") || word.contains(".");
    }

    private static String describe(String token) {
        return token.equals(token.toLowerCase(java.util.Locale.ROOT)) ? "'" + token + "'" : token;
    }

    private static int commonPrefix(String a, String b) {
        int n = 0;
        while (n < Math.min(a.length(), b.length()) && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }

    private Ident id(String written) {
        return Idents.fromSql(written, dialect);
    }
}
