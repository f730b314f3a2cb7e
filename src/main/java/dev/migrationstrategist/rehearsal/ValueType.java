package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Schema;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What values a column type holds, for the data generator and the simulated clients: a kind plus its bounds (the
 * largest integer, a text length, a numeric scale, enum labels). Values are deterministic in (row id, sequence), so
 * a run can be reproduced, and {@link #canonical} spells a value one way whichever JDBC type it came back as.
 */
record ValueType(Kind kind, long maxInteger, int length, int precision, int scale, List<String> labels,
                 boolean pgOther, java.util.Map<String, String> renamed) {
    enum Kind { INTEGER, DECIMAL, FLOAT, TEXT, BOOLEAN, TIMESTAMP, DATE, UUID, JSON, ENUM, UNSUPPORTED }

    private static final LocalDateTime EPOCH = LocalDateTime.of(2024, 1, 1, 0, 0);
    private static final Pattern ENUM_LABEL = Pattern.compile("'((?:[^']|'')*)'");

    ValueType {
        labels = List.copyOf(labels);
        renamed = java.util.Map.copyOf(renamed);
    }

    ValueType(Kind kind, long maxInteger, int length, int precision, int scale, List<String> labels, boolean pgOther) {
        this(kind, maxInteger, length, precision, scale, labels, pgOther, java.util.Map.of());
    }

    /**
     * The same type where enum label {@code from} is now spelled {@code to} (a renamed enum value): both spellings
     * are one value, so a row written as {@code from} and read back as {@code to} is the same write.
     */
    ValueType withRenamedLabel(String from, String to) {
        java.util.Map<String, String> m = new java.util.HashMap<>(renamed);
        m.put(from, to);
        return new ValueType(kind, maxInteger, length, precision, scale, labels, pgOther, m);
    }

    static ValueType of(DataType type, Schema schema, boolean postgres) {
        String base = type.base().toLowerCase(Locale.ROOT).replace(" unsigned", "").replace(" zerofill", "").trim();
        if (type.array()) {
            return unsupported();
        }
        switch (base) {
            case "tinyint":
                return integer(127);
            case "smallint", "int2", "smallserial", "serial2":
                return integer(32_767);
            case "mediumint":
                return integer(8_388_607);
            case "int", "integer", "int4", "serial", "serial4":
                return integer(2_147_483_647L);
            case "bigint", "int8", "bigserial", "serial8":
                return integer(Long.MAX_VALUE);
            case "numeric", "decimal", "dec":
                int p = type.length() == null ? 12 : type.length();
                int s = type.scale() == null ? (type.length() == null ? 2 : 0) : type.scale();
                return new ValueType(Kind.DECIMAL, 0, 0, p, s, List.of(), false);
            case "real", "float4", "float", "double", "double precision", "float8":
                return simple(Kind.FLOAT);
            case "varchar", "character varying", "char", "character", "bpchar", "text", "tinytext", "mediumtext",
                 "longtext", "nvarchar", "nchar", "citext":
                int n = type.length() == null ? (base.startsWith("char") || base.equals("bpchar") ? 1 : 255)
                        : type.length();
                return new ValueType(Kind.TEXT, 0, n, 0, 0, List.of(), false);
            case "boolean", "bool":
                return simple(Kind.BOOLEAN);
            case "timestamp", "timestamptz", "timestamp with time zone", "timestamp without time zone", "datetime":
                return simple(Kind.TIMESTAMP);
            case "date":
                return simple(Kind.DATE);
            case "uuid":
                return new ValueType(Kind.UUID, 0, 0, 0, 0, List.of(), postgres);
            case "json", "jsonb":
                return new ValueType(Kind.JSON, 0, 0, 0, 0, List.of(), postgres);
            case "enum":
                List<String> labels = new ArrayList<>();
                Matcher m = ENUM_LABEL.matcher(type.text());
                while (m.find()) {
                    labels.add(m.group(1).replace("''", "'"));
                }
                return new ValueType(Kind.ENUM, 0, 0, 0, 0, labels, false);
            default:
                dev.migrationstrategist.schema.Ident name = dev.migrationstrategist.schema.Ident.of(unqualified(base));
                return schema.enumType(name)
                        .map(e -> new ValueType(Kind.ENUM, 0, 0, 0, 0, e.values(), postgres))
                        // a NOT NULL domain holds values of its base type (its CHECKs may refuse some: the load
                        // says so); a nullable one stays NULL, as the generator cannot read its CHECKs
                        .or(() -> schema.domain(name).filter(d -> d.notNull() && !d.name().sameAs(
                                dev.migrationstrategist.schema.Ident.of(d.base().base())))
                                .map(d -> of(d.base(), schema, postgres)))
                        .orElse(unsupported());
        }
    }

    private static String unqualified(String base) {
        int dot = base.lastIndexOf('.');
        String last = dot < 0 ? base : base.substring(dot + 1);
        return last.replace("\"", "");
    }

    private static ValueType integer(long max) {
        return new ValueType(Kind.INTEGER, max, 0, 0, 0, List.of(), false);
    }

    private static ValueType simple(Kind kind) {
        return new ValueType(kind, 0, 0, 0, 0, List.of(), false);
    }

    static ValueType unsupported() {
        return simple(Kind.UNSUPPORTED);
    }

    boolean supported() {
        return kind != Kind.UNSUPPORTED;
    }

    /** The type whose values fit both: what a field may hold while both its columns exist. Same kind only. */
    ValueType narrowest(ValueType other) {
        return new ValueType(kind, Math.min(maxInteger, other.maxInteger), Math.min(length, other.length),
                Math.min(precision, other.precision), Math.min(scale, other.scale),
                labels.stream().filter(other.labels::contains).toList(), pgOther || other.pgOther, renamed);
    }

    /** Can hold a value per row id (a UNIQUE column's values). */
    /** Distinct per row id: a timestamp is {@code EPOCH + (id * 31 mod 1,000,003) * 61 s}, injective below that. */
    boolean canBeUnique() {
        return kind == Kind.INTEGER || kind == Kind.TEXT && length >= 12 || kind == Kind.UUID || kind == Kind.TIMESTAMP
                || kind == Kind.DECIMAL && precision - scale >= 10;
    }

    /** A value for row {@code id}, version {@code seq} of its writes. {@code unique}: distinct per id. */
    Object value(long id, long seq, boolean unique) {
        long mix = Math.floorMod(id * 31 + seq * 7, 1_000_003L);
        return switch (kind) {
            case INTEGER -> unique ? id : 1 + mix % Math.min(maxInteger, 30_000);
            case DECIMAL -> decimal(unique ? id : mix);
            case FLOAT -> (mix % 100_000) + 0.5;
            case TEXT -> text(unique ? "u" + id : "v" + id + "_" + seq);
            case BOOLEAN -> mix % 2 == 0;
            case TIMESTAMP -> EPOCH.plusSeconds(mix * 61);
            case DATE -> EPOCH.toLocalDate().plusDays(mix % 3_000);
            case UUID -> new UUID(id, unique ? 0 : seq);
            case JSON -> "{\"id\":" + id + ",\"seq\":" + seq + "}";
            case ENUM -> labels.isEmpty() ? null : labels.get((int) (mix % labels.size()));
            case UNSUPPORTED -> null;
        };
    }

    private BigDecimal decimal(long n) {
        int digits = Math.max(0, Math.min(precision - scale, 12));
        long bound = 1;
        for (int i = 0; i < digits; i++) {
            bound *= 10;
        }
        return BigDecimal.valueOf(bound <= 1 ? 0 : n % bound).setScale(Math.max(scale, 0));
    }

    private String text(String v) {
        return v.length() <= length ? v : v.substring(v.length() - length);
    }

    void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, pgOther ? Types.OTHER : Types.NULL);
            return;
        }
        switch (kind) {
            case TIMESTAMP -> ps.setTimestamp(index, Timestamp.valueOf((LocalDateTime) value));
            case DATE -> ps.setDate(index, Date.valueOf((LocalDate) value));
            case UUID, JSON, ENUM -> {
                if (pgOther) {
                    ps.setObject(index, value.toString(), Types.OTHER);
                } else {
                    ps.setString(index, value.toString());
                }
            }
            default -> ps.setObject(index, value);
        }
    }

    /** The value at {@code index} of a row, spelled as {@link #canonical(Object)} spells what was written. */
    String read(ResultSet rs, int index) throws SQLException {
        Object v = switch (kind) {
            case INTEGER -> rs.getLong(index);
            case DECIMAL, FLOAT -> rs.getBigDecimal(index);
            case BOOLEAN -> rs.getBoolean(index);
            case TIMESTAMP -> {
                Timestamp t = rs.getTimestamp(index);
                yield t == null ? null : t.toLocalDateTime();
            }
            case DATE -> {
                Date d = rs.getDate(index);
                yield d == null ? null : d.toLocalDate();
            }
            default -> rs.getString(index);
        };
        return rs.wasNull() ? canonical(null) : canonical(v);
    }

    /** One spelling per value: numbers without trailing zeros, text without trailing blanks, JSON without spaces. */
    String canonical(Object v) {
        if (v == null) {
            return "NULL";
        }
        return switch (kind) {
            case INTEGER, DECIMAL, FLOAT -> {
                BigDecimal d = v instanceof BigDecimal b ? b : new BigDecimal(v.toString());
                yield d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
            }
            case TEXT -> v.toString().stripTrailing();
            case ENUM -> renamed.getOrDefault(v.toString().stripTrailing(), v.toString().stripTrailing());
            case JSON -> v.toString().replaceAll("\\s+", "");
            default -> v.toString();
        };
    }
}
