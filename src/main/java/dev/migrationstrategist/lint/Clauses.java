package dev.migrationstrategist.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * The clauses of an {@code ALTER TABLE}: the token ranges between top-level commas after the table name
 * ({@code ADD COLUMN a int, DROP COLUMN b} has two). Parentheses nest, so a type's {@code (10,2)} or a CHECK's
 * expression never splits a clause.
 */
public record Clauses(SqlStatement statement, List<Clause> all) {

    /** Tokens [from, to) of one clause. */
    public record Clause(SqlStatement s, int from, int to) {
        public boolean startsWith(String... keywords) {
            return to - from >= keywords.length && s.matchesAt(from, keywords);
        }

        /** Index of the keywords at top level (not inside parentheses) in this clause, or -1. */
        public int find(String... keywords) {
            int depth = 0;
            for (int i = from; i < to; i++) {
                if (s.token(i).isSymbol("(")) {
                    depth++;
                } else if (s.token(i).isSymbol(")")) {
                    depth--;
                } else if (depth == 0 && i + keywords.length <= to && s.matchesAt(i, keywords)) {
                    return i;
                }
            }
            return -1;
        }

        public boolean has(String... keywords) {
            return find(keywords) >= 0;
        }

        /** The text of the clause's tokens joined by spaces (for messages). */
        public String text() {
            StringBuilder sb = new StringBuilder();
            for (int i = from; i < to; i++) {
                Token t = s.token(i);
                if (sb.length() > 0 && !t.isSymbol(",") && !t.isSymbol(")") && !t.isSymbol("(")
                        && !s.token(i - 1).isSymbol("(")) {
                    sb.append(' ');
                }
                sb.append(t.type() == Token.Type.QUOTED ? t.text() : t.text());
            }
            return sb.toString();
        }

        /**
         * For {@code ADD [COLUMN] [IF NOT EXISTS] name type ...}: the index of the column name, else -1 (ADD
         * CONSTRAINT, ADD INDEX, ADD PRIMARY KEY ... are not column clauses).
         */
        public int addedColumn() {
            if (!startsWith("ADD")) {
                return -1;
            }
            int i = s.skip(from + 1, "COLUMN", "IF", "NOT", "EXISTS");
            if (i >= to || NOT_COLUMNS.contains(s.kw(i)) || s.token(i).isSymbol("(")) {
                return -1;
            }
            if (s.kw(i).equals("UNIQUE") || s.kw(i).equals("PRIMARY") || s.kw(i).equals("FOREIGN")) {
                return -1;
            }
            return s.nameAt(i) == null ? -1 : i;
        }
    }

    private static final java.util.Set<String> NOT_COLUMNS = java.util.Set.of("CONSTRAINT", "INDEX", "KEY",
            "FULLTEXT", "SPATIAL", "CHECK", "PARTITION", "EXCLUDE", "PERIOD", "SYSTEM");

    /** The clauses of an ALTER TABLE, or none for any other statement. */
    public static Clauses of(SqlStatement s) {
        int start = Shapes.afterAlteredTable(s);
        List<Clause> out = new ArrayList<>();
        if (start < 0) {
            return new Clauses(s, out);
        }
        int depth = 0;
        int from = start;
        for (int i = start; i < s.size(); i++) {
            Token t = s.token(i);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && t.isSymbol(",")) {
                if (i > from) {
                    out.add(new Clause(s, from, i));
                }
                from = i + 1;
            }
        }
        if (s.size() > from) {
            out.add(new Clause(s, from, s.size()));
        }
        return new Clauses(s, out);
    }
}
