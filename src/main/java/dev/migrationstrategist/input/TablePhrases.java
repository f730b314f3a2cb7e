package dev.migrationstrategist.input;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.AddEnumValue;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.MergeTable;
import dev.migrationstrategist.change.MoveColumns;
import dev.migrationstrategist.change.RenameEnumValue;
import dev.migrationstrategist.change.SplitTable;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.schema.Ident;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The phrase forms of vertical split and merge, and of enum values (see {@link PhraseReader#GRAMMAR}); also reads
 * PostgreSQL's {@code ALTER TYPE ... ADD VALUE / RENAME VALUE} statements, which JSqlParser 5.3 cannot parse.
 */
final class TablePhrases {
    static final List<String> GRAMMAR = List.of(
            "split table TABLE columns COLUMN, ... into NEW_TABLE",
            "merge table TABLE into TABLE",
            "move columns COLUMN, ... from TABLE to TABLE",
            "add value 'VALUE' to enum NAME [before|after 'VALUE']",
            "rename value 'VALUE' of enum TYPE to 'VALUE'");

    private static final String N = PhraseReader.NAME;
    private static final String V = "'((?:[^']|'')*)'";
    private static final Pattern SPLIT = p("split\\s+table\\s+" + N + "\\s+columns?\\s+(.+?)\\s+into\\s+" + N);
    private static final Pattern MOVE = p("move\\s+columns?\\s+(.+?)\\s+from\\s+" + N + "\\s+(?:to|into)\\s+" + N);
    private static final Pattern MERGE = p("merge\\s+table\\s+" + N + "\\s+into\\s+" + N);
    private static final Pattern ADD_VALUE = p("add\\s+(?:enum\\s+)?value\\s+" + V + "\\s+to\\s+(?:enum\\s+|type\\s+)?"
            + N + "(?:\\s*\\.\\s*" + N + ")?(?:\\s+(before|after)\\s+" + V + ")?");
    private static final Pattern RENAME_VALUE = p("rename\\s+(?:enum\\s+)?value\\s+" + V + "\\s+(?:of|in)\\s+"
            + "(?:enum\\s+|type\\s+)?" + N + "\\s+to\\s+" + V);
    private static final Pattern REMOVE_VALUE = p("(?:drop|remove|delete|reorder)\\s+(?:enum\\s+)?values?\\b.*");
    private static final Pattern ALTER_TYPE_ADD = p("alter\\s+type\\s+" + N + "\\s+add\\s+value\\s+(?:if\\s+not\\s+"
            + "exists\\s+)?" + V + "(?:\\s+(before|after)\\s+" + V + ")?\\s*;?");
    private static final Pattern ALTER_TYPE_RENAME = p("alter\\s+type\\s+" + N + "\\s+rename\\s+value\\s+" + V
            + "\\s+to\\s+" + V + "\\s*;?");

    private final Dialect dialect;

    TablePhrases(Dialect dialect) {
        this.dialect = dialect;
    }

    private static Pattern p(String body) {
        return Pattern.compile("(?is)\\s*" + body + "\\s*");
    }

    /** The change a phrase names, or null when it is none of these forms. */
    Change read(String phrase) {
        Matcher m;
        if ((m = SPLIT.matcher(phrase)).matches()) {
            return new SplitTable(id(m.group(1)), list(m.group(2)), id(m.group(3)));
        }
        if ((m = MOVE.matcher(phrase)).matches()) {
            return new MoveColumns(id(m.group(2)), list(m.group(1)), id(m.group(3)));
        }
        if ((m = MERGE.matcher(phrase)).matches()) {
            return new MergeTable(id(m.group(1)), id(m.group(2)));
        }
        if ((m = ADD_VALUE.matcher(phrase)).matches()) {
            String value = unquote(m.group(1));
            String neighbour = m.group(5) == null ? null : unquote(m.group(5));
            boolean before = "before".equalsIgnoreCase(m.group(4));
            if (m.group(3) != null) {
                return new AddEnumValue(null, id(m.group(2)), id(m.group(3)), value, before ? neighbour : null,
                        before ? null : neighbour);
            }
            return AddEnumValue.ofType(id(m.group(2)), value, before ? neighbour : null, before ? null : neighbour);
        }
        if ((m = RENAME_VALUE.matcher(phrase)).matches()) {
            return new RenameEnumValue(id(m.group(2)), unquote(m.group(1)), unquote(m.group(3)));
        }
        if (REMOVE_VALUE.matcher(phrase).matches()) {
            throw removeOrReorder("phrase '" + phrase.trim() + "'");
        }
        return null;
    }

    /** {@code ALTER TYPE ... ADD VALUE / RENAME VALUE}, or null when the statement is neither. */
    Change statement(String sql, String where) {
        Matcher m;
        if ((m = ALTER_TYPE_ADD.matcher(sql)).matches()) {
            String neighbour = m.group(4) == null ? null : unquote(m.group(4));
            boolean before = "before".equalsIgnoreCase(m.group(3));
            return AddEnumValue.ofType(id(m.group(1)), unquote(m.group(2)), before ? neighbour : null,
                    before ? null : neighbour);
        }
        if ((m = ALTER_TYPE_RENAME.matcher(sql)).matches()) {
            return new RenameEnumValue(id(m.group(1)), unquote(m.group(2)), unquote(m.group(3)));
        }
        if (sql.trim().matches("(?is)alter\\s+type\\s+\\S+\\s+drop\\s+value\\b.*")) {
            throw removeOrReorder(where);
        }
        return null;
    }

    /** PostgreSQL cannot drop or reorder an enum value: that is a type change through a new type. */
    static StrategistException removeOrReorder(String where) {
        return StrategistException.invalid(where + ": removing or reordering an enum value is a type change through"
                + " a new type, not a change this version plans in one go: CREATE TYPE NEW_TYPE AS ENUM (...) with"
                + " the values you keep, then 'change type of TABLE.COLUMN to NEW_TYPE' for each column (new column,"
                + " sync trigger, backfill, swap; rows holding a removed value must be updated first), then DROP TYPE"
                + " the old one. On MySQL/MariaDB: 'change type of TABLE.COLUMN to enum(...)' (it copies the table)");
    }

    private static String unquote(String value) {
        return value.replace("''", "'");
    }

    private List<Ident> list(String names) {
        List<Ident> out = new ArrayList<>();
        for (String part : names.split(",")) {
            String name = part.trim();
            if (!name.matches(N)) {
                throw StrategistException.invalid("'" + name + "' is not a column name");
            }
            out.add(id(name));
        }
        return out;
    }

    private Ident id(String written) {
        return Idents.fromSql(written, dialect);
    }
}
