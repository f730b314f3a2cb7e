package dev.migrationstrategist.input;

import java.util.List;
import java.util.Set;

/**
 * One column definition read from its own text ({@code status public.order_status DEFAULT 'pending'::public
 * .order_status NOT NULL}), because JSqlParser rewrites what matters here: it splits the type from
 * {@code unsigned} and adds spaces ({@code numeric (12, 2)}), and re-renders defaults ({@code nextval(...)} becomes
 * {@code NextVal(...)}). The type and the default are kept exactly as written.
 *
 * @param typeText   the type as written, up to the first column attribute
 * @param defaultSql the DEFAULT expression as written, or null (also for {@code DEFAULT NULL})
 * @param check      the condition of an inline {@code CHECK (...)}, unwrapped, or null
 * @param checkName  the name given by {@code CONSTRAINT name CHECK}, or null
 * @param references the text of an inline {@code REFERENCES t (c) ...} clause's tokens, or null
 * @param identity   PostgreSQL {@code GENERATED ALWAYS | BY DEFAULT AS IDENTITY [(SEQUENCE NAME s ...)]}, or null
 * @param charset    MySQL/MariaDB {@code CHARACTER SET x} / {@code CHARSET x} after the type, or null
 * @param collation  {@code COLLATE x} after the type, or null
 */
record ColumnDefinition(String name, String typeText, boolean notNull, boolean primaryKey, boolean unique,
                        String defaultSql, String check, String checkName, List<DdlText.Token> references,
                        boolean autoIncrement, String referencesName, Identity identity, String charset,
                        String collation) {

    /** An identity read from a column definition: its kind and the sequence name as written, or null. */
    record Identity(boolean always, String sequence) {
    }

    ColumnDefinition(String name, String typeText, boolean notNull, boolean primaryKey, boolean unique,
                     String defaultSql, String check, String checkName, List<DdlText.Token> references) {
        this(name, typeText, notNull, primaryKey, unique, defaultSql, check, checkName, references, false, null,
                null, null,
                null);
    }

    /** Words that end a type or a DEFAULT expression: the column attributes of PostgreSQL, MySQL and MariaDB. */
    private static final Set<String> ATTRIBUTES = Set.of("NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE", "REFERENCES",
            "CHECK", "COLLATE", "CONSTRAINT", "GENERATED", "AUTO_INCREMENT", "COMMENT", "CHARSET", "ON", "INVISIBLE",
            "VISIBLE", "KEY", "STORAGE", "COLUMN_FORMAT", "ENGINE_ATTRIBUTE", "SECONDARY_ENGINE_ATTRIBUTE", "AS",
            "SRID", "COMPRESSION");

    static ColumnDefinition read(String sql, int from, int to) {
        List<DdlText.Token> t = DdlText.tokens(sql, from, to);
        if (t.isEmpty() || t.get(0).kind() != DdlText.Kind.WORD) {
            throw new DdlSyntaxException(from, t.isEmpty() ? "end of column definition" : t.get(0).text());
        }
        int typeEnd = attributeStart(t, 2);
        if (typeEnd <= 1) {
            throw new DdlSyntaxException(t.size() > 1 ? t.get(1).start() : to, "end of column definition");
        }
        String type = DdlText.span(sql, t, 1, typeEnd);
        boolean notNull = false;
        boolean primaryKey = false;
        boolean unique = false;
        String def = null;
        String check = null;
        String checkName = null;
        String constraintName = null;
        List<DdlText.Token> references = null;
        boolean autoIncrement = false;
        String referencesName = null;
        Identity identity = null;
        String charset = null;
        String collation = null;
        int i = typeEnd;
        while (i < t.size()) {
            DdlText.Token tok = t.get(i);
            if (tok.is("NOT") && i + 1 < t.size() && t.get(i + 1).is("NULL")) {
                notNull = true;
                i += 2;
            } else if (tok.is("PRIMARY")) {
                primaryKey = true;
                notNull = true;
                i += 2;
            } else if (tok.is("GENERATED") && identityAt(t, i + 1) > 0) {
                int end = identityAt(t, i + 1);
                boolean always = t.get(i + 1).is("ALWAYS");
                identity = new Identity(always, end < t.size() && t.get(end).kind() == DdlText.Kind.GROUP
                        ? sequenceName(t.get(end).inner()) : null);
                notNull = true;
                i = end < t.size() && t.get(end).kind() == DdlText.Kind.GROUP ? end + 1 : end;
            } else if (tok.is("CHARACTER") && i + 2 < t.size() && t.get(i + 1).is("SET")) {
                charset = t.get(i + 2).text();
                i += 3;
            } else if ((tok.is("CHARSET") || tok.is("COLLATE")) && i + 1 < t.size()) {
                if (tok.is("CHARSET")) {
                    charset = t.get(i + 1).text();
                } else {
                    collation = t.get(i + 1).text();
                }
                i += 2;
            } else if (tok.is("AUTO_INCREMENT")) {
                autoIncrement = true;
                i++;
            } else if (tok.is("UNIQUE")) {
                unique = true;
                i++;
            } else if (tok.is("CONSTRAINT") && i + 1 < t.size()) {
                constraintName = t.get(i + 1).text();
                i += 2;
            } else if (tok.is("DEFAULT") && i + 1 < t.size()) {
                int end = attributeStart(t, i + 2);
                def = DdlText.span(sql, t, i + 1, end);
                i = end;
            } else if (tok.is("CHECK") && (i + 1 >= t.size() || t.get(i + 1).kind() != DdlText.Kind.GROUP)) {
                throw new DdlSyntaxException(i + 1 < t.size() ? t.get(i + 1).start() : to,
                        i + 1 < t.size() ? '"' + t.get(i + 1).text() + '"' : "<EOF>");
            } else if (tok.is("CHECK")) {
                check = DdlText.unwrap(t.get(i + 1).inner());
                checkName = constraintName;
                i += 2;
            } else if (tok.is("REFERENCES")) {
                int end = i + 1;
                while (end < t.size() && !(ATTRIBUTES.contains(t.get(end).upper()) && !t.get(end).is("ON"))) {
                    end++;
                }
                references = t.subList(i + 1, end);
                referencesName = constraintName;
                i = end;
            } else {
                i++;
            }
        }
        if (def != null && def.equalsIgnoreCase("NULL")) {
            def = null;
        }
        return new ColumnDefinition(t.get(0).text(), type, notNull, primaryKey, unique, def, check, checkName,
                references == null ? null : List.copyOf(references), autoIncrement, referencesName, identity,
                charset, collation);
    }

    /**
     * After {@code GENERATED} at {@code i}: the index just past {@code ALWAYS AS IDENTITY} or {@code BY DEFAULT AS
     * IDENTITY}, or 0 when it is not an identity ({@code GENERATED ALWAYS AS (expr) STORED} is a generated column).
     */
    private static int identityAt(List<DdlText.Token> t, int i) {
        int at = i < t.size() && t.get(i).is("ALWAYS") ? i + 1
                : i + 1 < t.size() && t.get(i).is("BY") && t.get(i + 1).is("DEFAULT") ? i + 2 : -1;
        return at > 0 && at + 1 < t.size() && t.get(at).is("AS") && t.get(at + 1).is("IDENTITY") ? at + 2 : 0;
    }

    /** {@code SEQUENCE NAME s} among an identity's sequence options, as written (its last name part), or null. */
    private static String sequenceName(String options) {
        List<DdlText.Token> o = DdlText.tokens(options);
        for (int k = 0; k + 2 < o.size(); k++) {
            if (o.get(k).is("SEQUENCE") && o.get(k + 1).is("NAME")) {
                int last = k + 2;
                while (last + 2 < o.size() && o.get(last + 1).text().equals(".")) {
                    last += 2;
                }
                return o.get(last).text();
            }
        }
        return null;
    }

    /** The index of the first column attribute at or after {@code from} ({@code CHARACTER SET} counts as one). */
    private static int attributeStart(List<DdlText.Token> t, int from) {
        for (int i = from; i < t.size(); i++) {
            DdlText.Token tok = t.get(i);
            if (tok.kind() != DdlText.Kind.WORD) {
                continue;
            }
            boolean charset = tok.is("CHARACTER") && i + 1 < t.size() && t.get(i + 1).is("SET");
            boolean onUpdate = tok.is("ON") && i + 1 < t.size() && t.get(i + 1).is("UPDATE");
            if (charset || onUpdate || !tok.is("ON") && ATTRIBUTES.contains(tok.upper())) {
                return i;
            }
        }
        return t.size();
    }
}
