package dev.migrationstrategist.schema;

import java.util.Locale;
import java.util.Optional;

/**
 * A validated {@code CHECK (col IS NOT NULL)} already on a table: it proves the column holds no NULL, so PostgreSQL
 * 12+ makes {@code SET NOT NULL} a catalog change that skips its scan. The condition is compared without spelling:
 * outer parentheses, quotes around the column, case and white space aside ({@code ((full_name IS NOT NULL))} as
 * pg_dump and the catalog print it, {@code "Full Name" is not null} as written).
 */
public final class NotNullProof {
    private NotNullProof() {
    }

    public static Optional<Constraint.Check> of(Table table, Ident column) {
        return table.constraints().stream().filter(Constraint.Check.class::isInstance)
                .map(Constraint.Check.class::cast).filter(Constraint.Check::valid)
                .filter(c -> c.name() != null && proves(c.expression(), column)).findFirst();
    }

    static boolean proves(String expression, Ident column) {
        if (expression == null) {
            return false;
        }
        String e = expression.trim();
        while (e.startsWith("(") && e.endsWith(")") && balanced(e.substring(1, e.length() - 1))) {
            e = e.substring(1, e.length() - 1).trim();
        }
        String[] words = e.split("\\s+");
        if (words.length != 4 || !(words[1] + " " + words[2] + " " + words[3]).equalsIgnoreCase("IS NOT NULL")) {
            return false;
        }
        String name = words[0];
        while (name.startsWith("(") && name.endsWith(")")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.length() > 1 && (name.startsWith("\"") && name.endsWith("\"")
                || name.startsWith("`") && name.endsWith("`"))) {
            return name.substring(1, name.length() - 1).equals(column.name());
        }
        return name.toLowerCase(Locale.ROOT).equals(column.name().toLowerCase(Locale.ROOT));
    }

    private static boolean balanced(String s) {
        int depth = 0;
        for (char c : s.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }
}
