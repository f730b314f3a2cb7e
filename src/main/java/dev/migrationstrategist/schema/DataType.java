package dev.migrationstrategist.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column type as written in the schema ({@code VARCHAR(255)}, {@code numeric(12,2)}, {@code timestamp with time zone},
 * {@code int(11) unsigned}, {@code public.order_status}). The text is validated against a strict shape so that a type
 * can be rendered into SQL without becoming SQL of its own, and it is rendered exactly as written ({@link #sql()}).
 *
 * <p>To compare types across spellings use {@link #canonical()} or {@link #sameTypeAs(DataType)}:
 * {@code character varying(255)} and {@code VARCHAR(255)} are the same type, and so are {@code int4}, {@code integer}
 * and {@code int(11)}.
 */
public record DataType(@JsonValue String text, String base, List<Integer> args, boolean array) {
    private static final String WORD = "(?:[a-z_][a-z0-9_$]*|\"[^\"\\x00-\\x1f]+\")";
    private static final Pattern SHAPE = Pattern.compile(
            "(?i)\\s*(" + WORD + "(?:\\s*\\.\\s*" + WORD + ")*(?:\\s+[a-z_][a-z0-9_]*)*)"
                    + "\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(-?\\d+)\\s*)?\\))?"
                    + "((?:\\s+[a-z_][a-z0-9_]*)*)\\s*((?:\\[\\s*\\d*\\s*\\])*)\\s*");
    private static final Pattern ENUM_SHAPE = Pattern.compile(
            "(?i)\\s*(enum|set)\\s*\\(\\s*'(?:[^'\\\\]|''|\\\\.)*'(?:\\s*,\\s*'(?:[^'\\\\]|''|\\\\.)*')*\\s*\\)\\s*");

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern DOT = Pattern.compile("\\s*\\.\\s*");

    /** Other spellings of one type, by the name PostgreSQL's catalog (or MySQL's, for MySQL-only types) reports. */
    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("serial", "integer"),
            Map.entry("serial4", "integer"), Map.entry("int2", "smallint"), Map.entry("smallserial", "smallint"),
            Map.entry("serial2", "smallint"), Map.entry("int8", "bigint"), Map.entry("bigserial", "bigint"),
            Map.entry("serial8", "bigint"), Map.entry("varchar", "character varying"),
            Map.entry("char", "character"), Map.entry("bpchar", "character"), Map.entry("decimal", "numeric"),
            Map.entry("dec", "numeric"), Map.entry("float8", "double precision"), Map.entry("float4", "real"),
            Map.entry("bool", "boolean"), Map.entry("timestamptz", "timestamp with time zone"),
            Map.entry("timestamp without time zone", "timestamp"), Map.entry("timetz", "time with time zone"),
            Map.entry("time without time zone", "time"), Map.entry("varbit", "bit varying"));

    /** MySQL integer types whose argument is a display width, not part of the type. */
    private static final List<String> DISPLAY_WIDTH = List.of(
            "tinyint", "smallint", "mediumint", "int", "integer", "bigint");

    public DataType {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(base, "base");
        args = List.copyOf(args);
    }

    /** Parses a type name; throws {@link IllegalArgumentException} naming the text when it is not a type. */
    @JsonCreator
    public static DataType parse(String text) {
        Objects.requireNonNull(text, "text");
        String normalized = SPACES.matcher(text.trim()).replaceAll(" ");
        Matcher enumMatcher = ENUM_SHAPE.matcher(normalized);
        if (enumMatcher.matches()) {
            return new DataType(normalized, enumMatcher.group(1).toLowerCase(Locale.ROOT), List.of(), false);
        }
        Matcher m = SHAPE.matcher(normalized);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a column type");
        }
        String base = lowerUnquoted(DOT.matcher(m.group(1)).replaceAll("."));
        String suffix = m.group(4) == null ? "" : m.group(4).trim().toLowerCase(Locale.ROOT);
        if (!suffix.isEmpty()) {
            base = base + " " + suffix; // e.g. "timestamp" (6) "with time zone" -> "timestamp with time zone"
        }
        List<Integer> args = new ArrayList<>();
        if (m.group(2) != null) {
            args.add(Integer.parseInt(m.group(2)));
        }
        if (m.group(3) != null) {
            args.add(Integer.parseInt(m.group(3)));
        }
        boolean array = m.group(5) != null && !m.group(5).isEmpty();
        return new DataType(normalized, base, args, array);
    }

    /** The first type argument (a varchar length, a numeric precision), if any. */
    public Integer length() {
        return args.isEmpty() ? null : args.get(0);
    }

    public Integer scale() {
        return args.size() < 2 ? null : args.get(1);
    }

    /**
     * The type in one spelling, for comparing types written differently; never rendered into SQL. Rules:
     * lower case; synonyms mapped to PostgreSQL's catalog name ({@code varchar} → {@code character varying},
     * {@code int}/{@code int4}/{@code serial} → {@code integer}, {@code timestamptz} → {@code timestamp with time
     * zone}, {@code timestamp without time zone} → {@code timestamp}, {@code decimal} → {@code numeric}, ...);
     * MySQL display widths dropped ({@code int(11)} → {@code integer}, {@code tinyint(1)} → {@code tinyint});
     * {@code unsigned} and {@code zerofill} kept as a suffix ({@code int(10) unsigned} → {@code integer unsigned},
     * since an unsigned column holds other values); a schema qualifier dropped ({@code public.order_status} →
     * {@code order_status}); arguments kept without spaces ({@code numeric(12, 2)} → {@code numeric(12,2)}) and
     * array brackets kept as {@code []}. {@code enum(...)} and {@code set(...)} keep their value lists.
     */
    public String canonical() {
        if (base.equals("enum") || base.equals("set")) {
            return base + text.substring(text.indexOf('(')).replaceAll("\\s*,\\s*", ",").replaceAll("\\(\\s*", "(")
                    .replaceAll("\\s*\\)", ")");
        }
        List<String> words = new ArrayList<>(List.of(base.split(" ")));
        List<String> modifiers = new ArrayList<>();
        for (String modifier : List.of("unsigned", "zerofill", "signed")) {
            if (words.size() > 1 && words.remove(modifier) && !modifier.equals("signed")) {
                modifiers.add(modifier);
            }
        }
        String name = unqualified(String.join(" ", words));
        List<Integer> kept = DISPLAY_WIDTH.contains(name) ? List.of() : args;
        String mapped = SYNONYMS.getOrDefault(name, name);
        // "timestamp(3) with time zone": the precision belongs after the first word
        StringBuilder sb = new StringBuilder(mapped);
        if (!kept.isEmpty()) {
            String argText = "(" + String.join(",", kept.stream().map(String::valueOf).toList()) + ")";
            int space = mapped.indexOf(' ');
            boolean precisionFirst = mapped.startsWith("timestamp ") || mapped.startsWith("time ");
            if (precisionFirst && space > 0) {
                sb.insert(space, argText);
            } else {
                sb.append(argText);
            }
        }
        for (String modifier : modifiers) {
            sb.append(' ').append(modifier);
        }
        if (array) {
            sb.append("[]");
        }
        return sb.toString();
    }

    /** True when both name the same type, however spelled (see {@link #canonical()}). */
    public boolean sameTypeAs(DataType other) {
        return other != null && canonical().equals(other.canonical());
    }

    /** SQL text of the type, as the schema wrote it. Safe to render: the constructor checked its shape. */
    public String sql() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    private static String unqualified(String name) {
        int dot = name.lastIndexOf('.');
        String last = dot < 0 ? name : name.substring(dot + 1);
        return last.startsWith("\"") && last.endsWith("\"") ? last.substring(1, last.length() - 1) : last;
    }

    private static String lowerUnquoted(String name) {
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (char c : name.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            sb.append(quoted ? c : Character.toLowerCase(c));
        }
        return sb.toString();
    }
}
