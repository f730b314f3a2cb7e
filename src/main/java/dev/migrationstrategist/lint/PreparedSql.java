package dev.migrationstrategist.lint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MySQL/MariaDB: DDL run through a prepared statement, the idiom of migration folders that must be re-runnable
 * (Mattermost's MySQL migrations use it in most files):
 * <pre>
 * SET @stmt = (SELECT IF((SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE ...) &gt; 0,
 *     'SELECT 1', 'ALTER TABLE Users MODIFY COLUMN RemoteId varchar(255);'));
 * PREPARE alterIfExists FROM @stmt;
 * EXECUTE alterIfExists;
 * DEALLOCATE PREPARE alterIfExists;
 * </pre>
 * The SQL the server runs is a string literal, which lint never reads as SQL, so such a file was only
 * "unrecognised" notes. Here each {@code PREPARE name FROM @v} (or {@code FROM 'sql'}) is replaced by the statements
 * in the string literals of the latest {@code SET @v = ...} before it, lexed as the file is: every branch of the
 * IF is judged (the one that changes something is the one a database that needs the migration runs; the other is
 * usually {@code SELECT 1}). The {@code EXECUTE} and {@code DEALLOCATE PREPARE} of a statement read that way are
 * dropped. A PREPARE whose SQL cannot be found (a variable built with CONCAT, or set in another file) stays as it
 * is: an {@code unrecognised-statement} note.
 */
final class PreparedSql {
    private PreparedSql() {
    }

    /** The file's statements with each readable PREPARE replaced by the statements it prepares. */
    static List<SqlStatement> expand(List<SqlStatement> statements) {
        Map<String, List<Token>> variables = new HashMap<>();
        Set<String> read = new HashSet<>();
        List<SqlStatement> out = new ArrayList<>();
        for (SqlStatement s : statements) {
            String variable = assigned(s);
            if (variable != null) {
                variables.put(variable, strings(s, 3));
                out.add(s);
                continue;
            }
            if (s.startsWith("PREPARE") && s.size() >= 4 && s.matchesAt(2, "FROM")) {
                List<Token> sources = s.token(3).isSymbol("@") && s.size() == 5
                        ? variables.get(s.token(4).name()) : s.size() == 4 ? strings(s, 3) : null;
                List<SqlStatement> inner = sources == null ? List.of() : statementsIn(sources);
                if (!inner.isEmpty()) {
                    read.add(s.token(1).name());
                    out.addAll(inner);
                    continue;
                }
            }
            if (s.size() == 2 && s.startsWith("EXECUTE") && read.contains(s.token(1).name())
                    || s.size() == 3 && s.startsWith("DEALLOCATE", "PREPARE") && read.contains(s.token(2).name())
                    || s.size() == 3 && s.startsWith("DROP", "PREPARE") && read.contains(s.token(2).name())) {
                continue;
            }
            out.add(s);
        }
        return out;
    }

    /** {@code SET @v = ...}: v (as {@link Token#name()}), else null. */
    private static String assigned(SqlStatement s) {
        if (s.size() > 4 && s.startsWith("SET") && s.token(1).isSymbol("@") && s.token(3).isSymbol("=")
                && (s.token(2).type() == Token.Type.WORD || s.token(2).type() == Token.Type.QUOTED)) {
            return s.token(2).name();
        }
        return null;
    }

    private static List<Token> strings(SqlStatement s, int from) {
        List<Token> out = new ArrayList<>();
        for (int i = from; i < s.size(); i++) {
            if (s.token(i).type() == Token.Type.STRING && s.token(i).text().startsWith("'")) {
                out.add(s.token(i));
            }
        }
        return out;
    }

    /** The statements in the literals that read as SQL that changes something, placed where the literal is. */
    private static List<SqlStatement> statementsIn(List<Token> literals) {
        List<SqlStatement> out = new ArrayList<>();
        for (Token literal : literals) {
            SqlLexer.Lexed lexed = SqlLexer.lex(unquote(literal.text()), true);
            if (lexed.problem() != null) {
                continue;
            }
            for (SqlStatement inner : lexed.statements()) {
                if (inner.size() == 0 || !CHANGES.contains(inner.kw(0))) {
                    continue;
                }
                List<Token> placed = new ArrayList<>();
                for (Token t : inner.tokens()) {
                    placed.add(new Token(t.type(), t.text(), literal.line(), literal.column()));
                }
                out.add(new SqlStatement(inner.text(), literal.line(), literal.column(), placed));
            }
        }
        return out;
    }

    /** First words of the statements worth judging inside a literal ({@code SELECT 1} is the usual other branch). */
    private static final Set<String> CHANGES = Set.of("ALTER", "CREATE", "DROP", "RENAME", "TRUNCATE", "UPDATE",
            "DELETE", "INSERT", "REPLACE", "LOCK", "OPTIMIZE");

    /** A MySQL single-quoted literal's value: {@code ''} and backslash escapes undone. */
    static String unquote(String literal) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            if (c == '\\' && i + 1 < literal.length() - 1) {
                char n = literal.charAt(++i);
                b.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    default -> n;
                });
            } else if (c == '\'' && i + 1 < literal.length() - 1 && literal.charAt(i + 1) == '\'') {
                b.append('\'');
                i++;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
