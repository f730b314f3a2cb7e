package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.input.SqlScript;
import dev.migrationstrategist.lint.SqlLexer;
import dev.migrationstrategist.lint.SqlStatement;
import dev.migrationstrategist.lint.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * The naive statements run on the naive side: the user's SQL as given; for a phrase or a change file (which say what
 * is wanted, not the SQL someone would have run), each change's own direct DDL rendered by the dialect
 * ({@link NaiveChanges}); or why there are none.
 */
public record NaiveSql(List<String> statements, String missing) {
    public NaiveSql {
        statements = List.copyOf(statements);
    }

    public static NaiveSql none(String why) {
        return new NaiveSql(List.of(), why);
    }

    /**
     * The statements of SQL texts, split; none (with the reason) when a statement names a qualified object
     * ({@code schema.table}): the naive side runs only inside its scratch namespace.
     */
    public static NaiveSql of(List<String> texts, Dialect dialect) {
        List<String> out = new ArrayList<>();
        boolean mysql = !(dialect instanceof PostgresDialect);
        for (String text : texts) {
            for (SqlScript.Statement s : SqlScript.split(text, mysql)) {
                if (s.sql().isBlank()) {
                    continue;
                }
                if (qualified(s.sql(), mysql)) {
                    return none("naive side not rehearsed: a statement names a schema-qualified object, and the"
                            + " naive side runs only inside its scratch namespace (line " + s.line() + ")");
                }
                out.add(s.sql());
            }
        }
        return out.isEmpty() ? none("naive side not rehearsed: no SQL statement given") : new NaiveSql(out, null);
    }

    /**
     * The naive statements of {@code plan}'s changes: each change's direct DDL (the ALTER someone would run without
     * a plan), rendered by {@code dialect}.
     */
    public static NaiveSql ofChanges(dev.migrationstrategist.plan.Plan plan, Dialect dialect) {
        List<String> sql = NaiveChanges.sql(plan, dialect);
        return sql.isEmpty() ? none("naive side not rehearsed: the changes have no naive statement")
                : new NaiveSql(sql, null);
    }

    /**
     * The naive SQL of {@code plan}-style inputs: {@code --sql} texts and SQL files as given; when an argument is a
     * phrase or a change file, the naive DDL of every change of {@code plan} ({@link #ofChanges}).
     */
    public static NaiveSql fromInputs(List<String> arguments, List<String> sqlTexts,
                                      dev.migrationstrategist.plan.Plan plan, Dialect dialect) {
        List<String> texts = new ArrayList<>(sqlTexts);
        for (String arg : arguments) {
            java.nio.file.Path path;
            try {
                path = java.nio.file.Path.of(arg);
            } catch (java.nio.file.InvalidPathException e) {
                return ofChanges(plan, dialect); // a phrase
            }
            if (!java.nio.file.Files.isRegularFile(path) || dev.migrationstrategist.input.ChangeFileReader.handles(arg)) {
                return ofChanges(plan, dialect); // a phrase or a change file
            }
            texts.add(dev.migrationstrategist.input.Inputs.readFile(path, "change file"));
        }
        return of(texts, dialect);
    }

    private static boolean qualified(String sql, boolean mysql) {
        for (SqlStatement st : SqlLexer.lex(sql, mysql).statements()) {
            List<Token> t = st.tokens();
            for (int i = 1; i + 1 < t.size(); i++) {
                if (t.get(i).isSymbol(".") && name(t.get(i - 1)) && name(t.get(i + 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean name(Token t) {
        return t.type() == Token.Type.WORD || t.type() == Token.Type.QUOTED;
    }

    public boolean present() {
        return !statements.isEmpty();
    }
}
