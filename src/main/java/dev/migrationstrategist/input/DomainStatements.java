package dev.migrationstrategist.input;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.AddDomainCheck;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.DropDomainCheck;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.DomainType;
import dev.migrationstrategist.schema.Ident;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL domains, read by hand: JSqlParser 5.3 parses neither {@code CREATE DOMAIN} nor {@code ALTER DOMAIN}.
 * State A: {@code CREATE DOMAIN name AS type [COLLATE c] [DEFAULT expr] [NOT NULL | NULL]
 * [CONSTRAINT c CHECK (...)] ...} and {@code ALTER DOMAIN name ADD CONSTRAINT c CHECK (...) [NOT VALID]} (as pg_dump
 * writes them). Changes: {@code ALTER DOMAIN ... ADD CONSTRAINT ... CHECK (...) [NOT VALID]}, {@code ALTER DOMAIN ...
 * DROP CONSTRAINT [IF EXISTS] ...} and the phrases of {@link #GRAMMAR}.
 */
final class DomainStatements {
    static final List<String> GRAMMAR = List.of("add check NAME on domain NAME (EXPRESSION)",
            "drop check NAME on domain NAME");

    private static final String N = PhraseReader.NAME;
    private static final Pattern PHRASE = Pattern.compile("(?is)\\s*add\\s+(?:check|constraint)\\s+" + N
            + "\\s+(?:on|to)\\s+domain\\s+" + N + "\\s*\\((.*)\\)\\s*;?\\s*");
    private static final Pattern DROP_PHRASE = Pattern.compile("(?is)\\s*drop\\s+(?:check|constraint)\\s+" + N
            + "\\s+(?:on|of|from)\\s+domain\\s+" + N + "\\s*;?\\s*");
    private static final String PLAIN = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    /** A possibly schema-qualified name, as pg_dump writes it. */
    private static final String QUALIFIED = "((?:" + PLAIN + "\\.)?" + PLAIN + ")";
    private static final Pattern DROP = Pattern.compile("(?is)\\s*ALTER\\s+DOMAIN\\s+" + QUALIFIED
            + "\\s+DROP\\s+CONSTRAINT\\s+(?:IF\\s+EXISTS\\s+)?" + N + "(?:\\s+(RESTRICT|CASCADE))?\\s*;?\\s*");
    private static final Set<String> CLAUSES = Set.of("COLLATE", "DEFAULT", "NOT", "NULL", "CONSTRAINT", "CHECK");

    private final Dialect dialect;

    DomainStatements(Dialect dialect) {
        this.dialect = dialect;
    }

    /** A domain check added by {@code ALTER DOMAIN}: where it goes, what it checks, whether NOT VALID. */
    record AddedCheck(String domain, DomainType.Check check) {
    }

    static boolean isCreateDomain(List<DdlText.Token> head) {
        return head.size() >= 3 && head.get(0).is("CREATE") && head.get(1).is("DOMAIN");
    }

    static boolean isAlterDomain(List<DdlText.Token> head) {
        return head.size() >= 3 && head.get(0).is("ALTER") && head.get(1).is("DOMAIN");
    }

    /** {@code CREATE DOMAIN}; unnamed checks get PostgreSQL's default name {@code <domain>_check}. */
    DomainType createDomain(String sql) {
        List<DdlText.Token> tokens = DdlText.tokens(sql);
        TokenCursor c = new TokenCursor(sql, tokens);
        c.expect("CREATE");
        c.expect("DOMAIN");
        Ident name = id(c.word());
        c.accept("AS");
        int typeStart = c.offset();
        int i = c.index();
        while (i < tokens.size() && !(tokens.get(i).kind() == DdlText.Kind.WORD
                && CLAUSES.contains(tokens.get(i).upper()))) {
            i++;
        }
        int typeEnd = i < tokens.size() ? tokens.get(i).start() : sql.length();
        while (c.index() < i) {
            c.any();
        }
        DataType base;
        try {
            base = DataType.parse(sql.substring(typeStart, typeEnd).trim());
        } catch (IllegalArgumentException e) {
            throw new DdlSyntaxException(typeStart, '"' + sql.substring(typeStart, typeEnd).trim() + '"');
        }
        boolean notNull = false;
        String defaultExpression = null;
        List<DomainType.Check> checks = new ArrayList<>();
        while (c.more()) {
            if (c.accept("COLLATE")) {
                c.any();
            } else if (c.accept("DEFAULT")) {
                int start = c.offset();
                int end = start;
                while (c.more() && !(c.peekIs("NOT") || c.peekIs("NULL") || c.peekIs("CONSTRAINT")
                        || c.peekIs("CHECK") || c.peekIs("COLLATE"))) {
                    c.any();
                    end = tokens.get(c.index() - 1).end();
                }
                defaultExpression = sql.substring(start, end).trim();
            } else if (c.accept("NOT")) {
                c.expect("NULL");
                notNull = true;
            } else if (c.accept("NULL")) {
                notNull = false;
            } else {
                Ident constraint = c.accept("CONSTRAINT") ? id(c.word()) : null;
                if (c.accept("NOT")) {
                    c.expect("NULL");
                    notNull = true;
                    continue;
                }
                c.expect("CHECK");
                String expression = inner(c.group().text());
                checks.add(new DomainType.Check(constraint != null ? constraint
                        : Ident.of(name.name() + "_check"), expression, true));
            }
        }
        return new DomainType(name, base, notNull, defaultExpression, checks);
    }

    /** {@code ALTER DOMAIN d ADD CONSTRAINT c CHECK (...) [NOT VALID]}, or null for any other ALTER DOMAIN. */
    AddedCheck addedCheck(String sql) {
        List<DdlText.Token> tokens = DdlText.tokens(sql);
        TokenCursor c = new TokenCursor(sql, tokens);
        c.expect("ALTER");
        c.expect("DOMAIN");
        String domain = c.word();
        if (!c.accept("ADD")) {
            return null;
        }
        Ident constraint = c.accept("CONSTRAINT") ? id(c.word()) : null;
        if (!c.accept("CHECK")) {
            return null; // ADD CONSTRAINT c NOT NULL
        }
        String expression = inner(c.group().text());
        boolean notValid = false;
        if (c.accept("NOT")) {
            c.expect("VALID");
            notValid = true;
        }
        c.accept(";");
        if (c.more()) {
            c.unexpected();
        }
        Ident d = id(domain);
        return new AddedCheck(domain, new DomainType.Check(constraint != null ? constraint
                : Ident.of(d.name() + "_check"), expression, !notValid));
    }

    /** The change an {@code ALTER DOMAIN} statement asks for, or null when the statement is no ALTER DOMAIN. */
    Change statement(String sql, String where) {
        List<DdlText.Token> head = DdlText.tokens(sql, 0, Math.min(sql.length(), 400));
        if (!isAlterDomain(head)) {
            return null;
        }
        Matcher drop = DROP.matcher(sql);
        if (drop.matches()) {
            return new DropDomainCheck(id(drop.group(1)), id(drop.group(2)));
        }
        AddedCheck added;
        try {
            added = addedCheck(sql);
        } catch (DdlSyntaxException e) {
            added = null;
        }
        if (added == null) {
            throw StrategistException.invalid(where + ": of ALTER DOMAIN this version plans only ADD CONSTRAINT name"
                    + " CHECK (...) [NOT VALID] and DROP CONSTRAINT name");
        }
        if (!hasExplicitName(sql)) {
            throw StrategistException.invalid(where + ": name the domain check (ALTER DOMAIN d ADD CONSTRAINT name"
                    + " CHECK (...)): the plan refers to it by name");
        }
        return new AddDomainCheck(id(added.domain()), added.check().name(), expression(added.check().expression(),
                where), !added.check().valid());
    }

    /** The phrases {@code add check NAME on domain NAME (EXPRESSION)} and {@code drop check NAME on domain NAME}. */
    Change phrase(String phrase) {
        Matcher m = PHRASE.matcher(phrase);
        if (!m.matches()) {
            Matcher drop = DROP_PHRASE.matcher(phrase);
            return drop.matches() ? new DropDomainCheck(id(drop.group(2)), id(drop.group(1))) : null;
        }
        return new AddDomainCheck(id(m.group(2)), id(m.group(1)), expression(m.group(3),
                "phrase '" + phrase.trim() + "'"));
    }

    private static boolean hasExplicitName(String sql) {
        return sql.matches("(?is)\\s*ALTER\\s+DOMAIN\\s+\\S+\\s+ADD\\s+CONSTRAINT\\b.*");
    }

    /** The parser's rendering of a CHECK condition on VALUE: never free text in the SQL this tool writes. */
    private static String expression(String text, String where) {
        try {
            return CCJSqlParserUtil.parseCondExpression(text, false).toString();
        } catch (JSQLParserException e) {
            throw StrategistException.invalid(where + ": CHECK (" + text.trim() + "): not an expression this version"
                    + " can read");
        }
    }

    private static String inner(String group) {
        return group.substring(1, group.length() - 1).trim();
    }

    private Ident id(String written) {
        return Idents.fromSql(written, dialect);
    }
}
