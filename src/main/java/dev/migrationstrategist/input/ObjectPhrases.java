package dev.migrationstrategist.input;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.AddCheck;
import dev.migrationstrategist.change.AddForeignKey;
import dev.migrationstrategist.change.AddPrimaryKey;
import dev.migrationstrategist.change.AddUnique;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.CreateIndex;
import dev.migrationstrategist.change.DropIndex;
import dev.migrationstrategist.change.DropTable;
import dev.migrationstrategist.change.RenameTable;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.schema.Ident;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The phrase forms of the constraint, index and table changes (see {@link PhraseReader#GRAMMAR}). */
final class ObjectPhrases {
    static final List<String> GRAMMAR = List.of(
            "add check [NAME] on TABLE (EXPRESSION)",
            "add foreign key TABLE.COLUMN references TABLE[.COLUMN] [on delete ACTION]",
            "add unique [NAME] on TABLE (COLUMN, ...)",
            "add primary key on TABLE (COLUMN, ...)",
            "create [unique] index [NAME] on TABLE (COLUMN, ...)",
            "drop index NAME [on TABLE]",
            "create table TABLE (COLUMN TYPE, ...)",
            "drop table TABLE",
            "rename table TABLE to NEW_NAME");

    private static final String N = "(\"(?:[^\"]|\"\")+\"|`(?:[^`]|``)+`|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final String LIST = "\\(\\s*([^()]+?)\\s*\\)";
    private static final Pattern ADD_CHECK = p("add\\s+check\\s+(?:" + N + "\\s+)?on\\s+" + N + "\\s*\\((.+)\\)");
    private static final Pattern ADD_FK = p("add\\s+foreign\\s+key\\s+" + N + "\\s*\\.\\s*" + N + "\\s+references\\s+"
            + N + "(?:\\s*\\.\\s*" + N + ")?(?:\\s+on\\s+delete\\s+(cascade|set\\s+null|set\\s+default|restrict|no\\s+action))?");
    private static final Pattern ADD_UNIQUE = p("add\\s+unique\\s+(?:" + N + "\\s+)?on\\s+" + N + "\\s*" + LIST);
    private static final Pattern ADD_PK = p("add\\s+primary\\s+key\\s+on\\s+" + N + "\\s*" + LIST);
    private static final Pattern CREATE_INDEX = p("create\\s+(unique\\s+)?index\\s+(?:" + N + "\\s+)?on\\s+" + N + "\\s*"
            + LIST);
    private static final Pattern DROP_INDEX = p("drop\\s+index\\s+" + N + "(?:\\s+on\\s+" + N + ")?");
    private static final Pattern DROP_TABLE = p("drop\\s+table\\s+" + N);
    private static final Pattern RENAME_TABLE = p("rename\\s+table\\s+" + N + "\\s+to\\s+" + N);
    private static final Pattern CREATE_TABLE = p("create\\s+table\\s+.*");

    private final Dialect dialect;

    ObjectPhrases(Dialect dialect) {
        this.dialect = dialect;
    }

    private static Pattern p(String body) {
        return Pattern.compile("(?is)\\s*" + body + "\\s*");
    }

    Optional<List<Change>> read(String phrase) {
        Matcher m;
        if ((m = ADD_CHECK.matcher(phrase)).matches()) {
            String expression;
            try {
                expression = CCJSqlParserUtil.parseCondExpression(m.group(3), false).toString();
            } catch (JSQLParserException e) {
                throw StrategistException.invalid("phrase '" + phrase.trim() + "': (" + m.group(3).trim() + ") is not"
                        + " an expression this version can read");
            }
            return one(new AddCheck(id(m.group(2)), opt(m.group(1)), expression));
        }
        if ((m = ADD_FK.matcher(phrase)).matches()) {
            return one(new AddForeignKey(id(m.group(1)), null, List.of(id(m.group(2))), id(m.group(3)),
                    m.group(4) == null ? List.of() : List.of(id(m.group(4))), m.group(5), null));
        }
        if ((m = ADD_UNIQUE.matcher(phrase)).matches()) {
            return one(new AddUnique(id(m.group(2)), opt(m.group(1)), list(m.group(3))));
        }
        if ((m = ADD_PK.matcher(phrase)).matches()) {
            return one(new AddPrimaryKey(id(m.group(1)), null, list(m.group(2))));
        }
        if ((m = CREATE_INDEX.matcher(phrase)).matches()) {
            return one(new CreateIndex(id(m.group(3)), opt(m.group(2)), list(m.group(4)), m.group(1) != null, null,
                    true));
        }
        if ((m = DROP_INDEX.matcher(phrase)).matches()) {
            return one(new DropIndex(opt(m.group(2)), id(m.group(1)), true));
        }
        if ((m = DROP_TABLE.matcher(phrase)).matches()) {
            return one(new DropTable(id(m.group(1))));
        }
        if ((m = RENAME_TABLE.matcher(phrase)).matches()) {
            return one(new RenameTable(id(m.group(1)), id(m.group(2))));
        }
        if (CREATE_TABLE.matcher(phrase).matches()) {
            List<Change> out = new ArrayList<>();
            new SqlChangeReader(dialect).read(phrase, "phrase").forEach(r -> out.add(r.change()));
            return Optional.of(out);
        }
        return Optional.empty();
    }

    private static Optional<List<Change>> one(Change change) {
        return Optional.of(List.of(change));
    }

    private List<Ident> list(String names) {
        List<Ident> out = new ArrayList<>();
        for (String part : names.split(",")) {
            if (!part.trim().matches(N)) {
                throw StrategistException.invalid("'" + part.trim() + "' is not a column name");
            }
            out.add(id(part.trim()));
        }
        return out;
    }

    private Ident opt(String written) {
        return written == null ? null : id(written);
    }

    private Ident id(String written) {
        return Idents.fromSql(written, dialect);
    }
}
