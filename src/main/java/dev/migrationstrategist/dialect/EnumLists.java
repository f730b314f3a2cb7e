package dev.migrationstrategist.dialect;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.schema.DataType;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The value lists of MySQL/MariaDB {@code ENUM(...)} and {@code SET(...)} column types: reading them, writing a new
 * list, and whether a change only appends within the same storage size (metadata only: MySQL 8.0 and MariaDB 10.3+
 * do it with ALGORITHM=INSTANT, older versions in place; any other change copies the table).
 */
public final class EnumLists {
    private static final Pattern VALUE = Pattern.compile("'((?:[^'\\\\]|''|\\\\.)*)'");

    private EnumLists() {
    }

    public static boolean isEnumOrSet(DataType type) {
        return type.base().equals("enum") || type.base().equals("set");
    }

    /** The values of an ENUM/SET type, unquoted, in order. */
    public static List<String> values(DataType type) {
        List<String> out = new ArrayList<>();
        String text = type.text();
        Matcher m = VALUE.matcher(text.substring(text.indexOf('(')));
        while (m.find()) {
            out.add(m.group(1).replace("''", "'").replaceAll("\\\\(.)", "$1"));
        }
        return out;
    }

    /** {@code enum('a','b')} (or {@code set(...)}) with the values as literals of the dialect. */
    public static DataType of(String base, List<String> values, Dialect dialect) {
        return DataType.parse(base + "(" + values.stream().map(dialect::literal).collect(Collectors.joining(","))
                + ")");
    }

    /** True when {@code to} is {@code from} with values appended at the end and the storage size is unchanged. */
    public static boolean appendsWithinStorage(DataType from, DataType to) {
        if (!isEnumOrSet(from) || !from.base().equals(to.base())) {
            return false;
        }
        List<String> a = values(from);
        List<String> b = values(to);
        return b.size() > a.size() && b.subList(0, a.size()).equals(a)
                && storageBytes(from.base(), a.size()) == storageBytes(to.base(), b.size());
    }

    /** ENUM: 1 byte up to 255 values, else 2. SET: 1, 2, 3, 4 or 8 bytes for up to 8, 16, 24, 32, 64 members. */
    static int storageBytes(String base, int values) {
        if (base.equals("enum")) {
            return values <= 255 ? 1 : 2;
        }
        int bytes = (values + 7) / 8;
        return bytes > 4 ? 8 : bytes;
    }
}
