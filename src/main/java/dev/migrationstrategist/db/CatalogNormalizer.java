package dev.migrationstrategist.db;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spells types and defaults one way, so that a type or default written in DDL ({@code VARCHAR(255)},
 * {@code CURRENT_TIMESTAMP}) compares equal to what a server reports for it ({@code character varying(255)},
 * {@code current_timestamp()}). The rules:
 * <ul>
 *   <li>types: lower case, single spaces, no space before "("; SQL-standard long names to their short form
 *       ({@code character varying} → {@code varchar}, {@code character} → {@code char}, {@code integer} →
 *       {@code int}, {@code timestamp without time zone} → {@code timestamp}, {@code timestamp with time zone} →
 *       {@code timestamptz}, {@code boolean} → {@code bool}, {@code double precision} → {@code float8},
 *       {@code decimal} → {@code numeric}); MySQL display widths dropped ({@code int(11)} → {@code int},
 *       {@code bigint(20) unsigned} → {@code bigint unsigned}); {@code tinyint(1)} stays (it is MySQL's bool);
 *       {@code serial}/{@code bigserial} → {@code int}/{@code bigint} (their default is reported separately);</li>
 *   <li>defaults: PostgreSQL casts dropped ({@code 'anon'::character varying} → {@code 'anon'}); a MariaDB
 *       {@code NULL} default is no default; {@code current_timestamp()} / {@code now()} →
 *       {@code current_timestamp}; keywords lower case outside string literals; a bare MySQL-reported number or
 *       literal is compared as written; a serial's {@code nextval('schema.seq')} loses the schema.</li>
 * </ul>
 */
public final class CatalogNormalizer {
    private static final Map<String, String> TYPE_ALIASES = Map.ofEntries(
            Map.entry("character varying", "varchar"),
            Map.entry("character", "char"),
            Map.entry("integer", "int"),
            Map.entry("int4", "int"),
            Map.entry("int8", "bigint"),
            Map.entry("int2", "smallint"),
            Map.entry("serial", "int"),
            Map.entry("serial4", "int"),
            Map.entry("bigserial", "bigint"),
            Map.entry("serial8", "bigint"),
            Map.entry("smallserial", "smallint"),
            Map.entry("serial2", "smallint"),
            Map.entry("timestamp without time zone", "timestamp"),
            Map.entry("timestamp with time zone", "timestamptz"),
            Map.entry("time without time zone", "time"),
            Map.entry("time with time zone", "timetz"),
            Map.entry("boolean", "bool"),
            Map.entry("double precision", "float8"),
            Map.entry("double", "float8"),
            Map.entry("real", "float4"),
            Map.entry("decimal", "numeric"));
    private static final Pattern TYPE = Pattern.compile("([a-z_][a-z0-9_ ]*?)\\s*(\\([^)]*\\))?((?:\\s+[a-z_]+)*)"
            + "\\s*((?:\\[\\])*)");
    private static final Pattern INTEGER_WIDTH = Pattern.compile("(tinyint|smallint|mediumint|int|bigint)\\(\\d+\\)");

    private CatalogNormalizer() {
    }

    /** The canonical spelling of a column type. */
    public static String type(String type) {
        if (type == null) {
            return null;
        }
        String t = type.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replaceAll("\\s*\\(\\s*", "(")
                .replaceAll("\\s*,\\s*", ",").replaceAll("\\s*\\)", ")");
        if (t.startsWith("enum(") || t.startsWith("set(")) {
            return t;
        }
        // a type of the user's schema: pg_dump qualifies it (public.order_status), the catalog prints it relative to
        // the search path
        t = t.replaceFirst("^(?:\"[^\"]+\"|[a-z_][a-z0-9_$]*)\\.(?=[a-z_\"])", "");
        Matcher m = TYPE.matcher(t);
        if (!m.matches()) {
            return t;
        }
        String base = m.group(1).trim();
        String args = m.group(2) == null ? "" : m.group(2);
        String suffix = m.group(3) == null ? "" : m.group(3).trim();
        String array = m.group(4) == null ? "" : m.group(4);
        // "timestamp(6) with time zone": the suffix belongs to the base name
        String full = suffix.isEmpty() ? base : base + " " + suffix;
        if (TYPE_ALIASES.containsKey(full)) {
            base = TYPE_ALIASES.get(full);
            suffix = "";
        } else if (TYPE_ALIASES.containsKey(base)) {
            base = TYPE_ALIASES.get(base);
        }
        String out = base + args;
        if (!out.equals("tinyint(1)") && INTEGER_WIDTH.matcher(out).matches()) {
            out = base;
        }
        return out + (suffix.isEmpty() ? "" : " " + suffix) + array;
    }

    /** True for PostgreSQL's serial types, which stand for an integer NOT NULL with a sequence's default. */
    public static boolean serial(String type) {
        String t = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
        return List.of("serial", "serial4", "bigserial", "serial8", "smallserial", "serial2").contains(t);
    }

    /** The canonical spelling of a column default, or null for none. */
    public static String defaultExpression(String expression) {
        if (expression == null) {
            return null;
        }
        String d = expression.trim();
        if (d.isEmpty() || d.equalsIgnoreCase("null")) {
            return null;
        }
        // PostgreSQL: 'x'::character varying, (0)::numeric, 'a'::text::character varying
        d = d.replaceAll("::(?:(?:\"[^\"]+\"|[a-zA-Z_][a-zA-Z0-9_]*)\\.)?(?:\"[^\"]+\"|[a-zA-Z_][a-zA-Z0-9_ ]*)"
                + "(\\([0-9, ]*\\))?(\\[\\])*", "").trim();
        while (d.startsWith("(") && d.endsWith(")") && balanced(d.substring(1, d.length() - 1))) {
            d = d.substring(1, d.length() - 1).trim();
        }
        if (d.startsWith("'")) {
            return d;
        }
        d = d.toLowerCase(Locale.ROOT);
        if (d.equals("current_timestamp()") || d.equals("now()") || d.equals("current_timestamp(0)")) {
            return "current_timestamp";
        }
        return unqualifiedSequence(d);
    }

    /**
     * {@code nextval('app.users_id_seq')} → {@code nextval('users_id_seq')}: pg_dump qualifies a serial column's
     * sequence with its schema, the catalog prints it relative to the search path.
     */
    private static String unqualifiedSequence(String d) {
        String prefix = "nextval('";
        if (!d.startsWith(prefix) || !d.endsWith("')")) {
            return d;
        }
        String name = d.substring(prefix.length(), d.length() - 2);
        int dot = -1;
        boolean quoted = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                dot = i;
            }
        }
        return dot < 0 ? d : prefix + name.substring(dot + 1) + "')";
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
