package dev.migrationstrategist.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column type as written in the schema ({@code VARCHAR(255)}, {@code numeric(12,2)}, {@code timestamp with time zone}).
 * The text is validated against a strict shape so that a type can be rendered into SQL without becoming SQL of its own.
 */
public record DataType(String text, String base, List<Integer> args, boolean array) {
    private static final Pattern SHAPE = Pattern.compile(
            "(?i)\\s*([a-z_][a-z0-9_]*(?:\\s+[a-z_][a-z0-9_]*)*)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(-?\\d+)\\s*)?\\))?"
                    + "((?:\\s+[a-z_][a-z0-9_]*)*)\\s*((?:\\[\\s*\\])*)\\s*");
    private static final Pattern ENUM_SHAPE = Pattern.compile(
            "(?i)\\s*(enum|set)\\s*\\(\\s*'(?:[^'\\\\]|''|\\\\.)*'(?:\\s*,\\s*'(?:[^'\\\\]|''|\\\\.)*')*\\s*\\)\\s*");

    public DataType {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(base, "base");
        args = List.copyOf(args);
    }

    /** Parses a type name; throws {@link IllegalArgumentException} naming the text when it is not a type. */
    public static DataType parse(String text) {
        Objects.requireNonNull(text, "text");
        String normalized = text.trim().replaceAll("\\s+", " ");
        Matcher enumMatcher = ENUM_SHAPE.matcher(normalized);
        if (enumMatcher.matches()) {
            return new DataType(normalized, enumMatcher.group(1).toLowerCase(Locale.ROOT), List.of(), false);
        }
        Matcher m = SHAPE.matcher(normalized);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a column type");
        }
        String base = m.group(1).toLowerCase(Locale.ROOT);
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

    /** SQL text of the type, as the schema wrote it. Safe to render: the constructor checked its shape. */
    public String sql() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
