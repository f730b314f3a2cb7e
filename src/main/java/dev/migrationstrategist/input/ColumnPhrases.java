package dev.migrationstrategist.input;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.AddColumn;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.ChangeColumnType;
import dev.migrationstrategist.change.DropColumn;
import dev.migrationstrategist.change.DropDefault;
import dev.migrationstrategist.change.DropNotNull;
import dev.migrationstrategist.change.SetDefault;
import dev.migrationstrategist.change.SetNotNull;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Ident;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The column phrases of {@link PhraseReader#GRAMMAR}. Types are checked by {@link DataType#parse}; a default is
 * parsed as an SQL expression and rendered from the parse, never copied as free text.
 */
final class ColumnPhrases {
    private static final String N = PhraseReader.NAME;
    private static final String TC = "\\s+" + N + "\\s*\\.\\s*" + N;
    private static final Pattern ADD = Pattern.compile("(?is)\\s*add\\s+column" + TC
            + "\\s+(.+?)(\\s+not\\s+null)?(?:\\s+default\\s+(.+?))?(\\s+not\\s+null)?\\s*");
    private static final Pattern DROP = Pattern.compile("(?is)\\s*drop\\s+column" + TC + "\\s*");
    private static final Pattern SET_NOT_NULL = Pattern.compile("(?is)\\s*set\\s+not\\s+null\\s+on" + TC + "\\s*");
    private static final Pattern DROP_NOT_NULL = Pattern.compile("(?is)\\s*drop\\s+not\\s+null\\s+on" + TC + "\\s*");
    private static final Pattern SET_DEFAULT = Pattern.compile("(?is)\\s*set\\s+default\\s+of" + TC
            + "\\s+to\\s+(.+?)\\s*");
    private static final Pattern DROP_DEFAULT = Pattern.compile("(?is)\\s*drop\\s+default\\s+of" + TC + "\\s*");
    private static final Pattern CHANGE_TYPE = Pattern.compile("(?is)\\s*change\\s+type\\s+of" + TC
            + "\\s+to\\s+(.+?)\\s*");
    private final Dialect dialect;

    ColumnPhrases(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The change the phrase asks for, or null when it is none of the column phrases. */
    Change read(String phrase) {
        Matcher m;
        if ((m = ADD.matcher(phrase)).matches()) {
            boolean notNull = m.group(4) != null || m.group(6) != null;
            return new AddColumn(id(m.group(1)), new Column(id(m.group(2)), type(m.group(3), phrase), !notNull,
                    m.group(5) == null ? null : expression(m.group(5), phrase)));
        }
        if ((m = DROP.matcher(phrase)).matches()) {
            return new DropColumn(id(m.group(1)), id(m.group(2)));
        }
        if ((m = SET_NOT_NULL.matcher(phrase)).matches()) {
            return new SetNotNull(id(m.group(1)), id(m.group(2)));
        }
        if ((m = DROP_NOT_NULL.matcher(phrase)).matches()) {
            return new DropNotNull(id(m.group(1)), id(m.group(2)));
        }
        if ((m = SET_DEFAULT.matcher(phrase)).matches()) {
            return new SetDefault(id(m.group(1)), id(m.group(2)), expression(m.group(3), phrase));
        }
        if ((m = DROP_DEFAULT.matcher(phrase)).matches()) {
            return new DropDefault(id(m.group(1)), id(m.group(2)));
        }
        if ((m = CHANGE_TYPE.matcher(phrase)).matches()) {
            return new ChangeColumnType(id(m.group(1)), id(m.group(2)), type(m.group(3), phrase));
        }
        return null;
    }

    private static DataType type(String text, String phrase) {
        try {
            return DataType.parse(text);
        } catch (IllegalArgumentException e) {
            throw StrategistException.invalid("phrase '" + phrase.trim() + "': " + e.getMessage());
        }
    }

    /** Parses the default with JSqlParser and renders it from the parse tree. */
    private static String expression(String text, String phrase) {
        try {
            return CCJSqlParserUtil.parseExpression(text.trim(), false).toString().replaceAll("\\s+\\(\\s*\\)", "()");
        } catch (JSQLParserException e) {
            throw StrategistException.invalid("phrase '" + phrase.trim() + "': default '" + text.trim()
                    + "' is not an SQL expression");
        }
    }

    private Ident id(String written) {
        return Idents.fromSql(written, dialect);
    }
}
