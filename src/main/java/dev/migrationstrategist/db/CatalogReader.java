package dev.migrationstrategist.db;

import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Partitioning;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.schema.TextEncoding;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a live schema (PostgreSQL: one namespace, from pg_catalog) or database (MySQL/MariaDB: from
 * information_schema) into the {@link Schema} model: tables, columns with type, nullability and default,
 * primary-key, unique, check and foreign-key constraints with their validity, and indexes with uniqueness and
 * validity. Types and defaults are kept as the server reports them; compare them through
 * {@link CatalogNormalizer}.
 *
 * <p>What the model does not hold is left out: PostgreSQL indexes that implement a primary-key, unique or
 * exclusion constraint (the constraint stands for them, as in DDL), MySQL's PRIMARY index (the primary key stands
 * for it). MySQL/MariaDB have no unique constraint apart from a unique index, so unique keys come back as unique
 * indexes. MySQL/MariaDB silently create an index for a foreign key whose column leads no index; such an index
 * comes back like any other (it is named after the key).
 */
public final class CatalogReader {
    private CatalogReader() {
    }

    /**
     * The schemas of a PostgreSQL database that hold user tables ({@code %1$s}: the nspname expression): not the
     * system's ({@code pg_catalog}, {@code information_schema}, {@code pg_toast}, temporary ones).
     */
    static final String USER_SCHEMAS = "%1$s NOT IN ('pg_catalog', 'information_schema') AND %1$s NOT LIKE 'pg\\_%%'";

    /** Reads the schema {@code scope} (PostgreSQL) or database {@code scope} (MySQL/MariaDB), nothing else. */
    public static Schema read(Connection connection, String scope) throws SQLException {
        return read(connection, scope, false);
    }

    /**
     * {@link #read} and, on PostgreSQL, the tables of the database's other schemas after those of {@code scope},
     * schema-qualified ({@code sales."Orders"}): a change may name them, and a table of another schema is never
     * taken for one of {@code scope}. Their views, routines and triggers, enum types and domains are not read (those
     * of {@code scope} are). State A of {@code plan --db} and apply's check of it; the rehearsal's verdict compares
     * its own scratch schema only.
     */
    public static Schema readWithOtherSchemas(Connection connection, String scope) throws SQLException {
        return read(connection, scope, true);
    }

    private static Schema read(Connection connection, String scope, boolean otherSchemas) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
        boolean postgres = product.contains("postgres");
        String jit = postgres ? jitOff(connection) : null;
        try {
            Schema schema = postgres ? new Postgres(connection, scope, scope).read()
                    : new MySql(connection, scope).read();
            List<Table> tables = new ArrayList<>(schema.tables().stream()
                    .filter(t -> !TOOL_TABLES.contains(t.name().name())).toList());
            if (postgres && otherSchemas) {
                for (Map<String, String> r : query(connection, "SELECT n.nspname FROM pg_namespace n WHERE n.nspname <> ?"
                        + " AND " + USER_SCHEMAS.formatted("n.nspname") + " AND EXISTS (SELECT 1 FROM pg_class c"
                        + " WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p')) ORDER BY n.nspname", scope)) {
                    try {
                        tables.addAll(new Postgres(connection, r.get("nspname"), scope).read().tables());
                    } catch (SQLException e) {
                        // a schema dropped (or a table of it) while it was read: "could not open relation with
                        // OID"; only inside no transaction, where the failed query aborts nothing
                        if (!connection.getAutoCommit()) {
                            throw e;
                        }
                    }
                }
            }
            schema = new Schema(tables, schema.enums(), schema.domains());
            return schema.withDependants(DependantReader.read(connection, scope, schema.tables(), postgres));
        } finally {
            restoreJit(connection, jit);
        }
    }

    /**
     * Turns PostgreSQL's JIT off for this session while the catalog is read, and returns the setting it had (null on
     * a server without JIT, before 11, or where it is off already). On a schema of thousands of tables the planner's
     * estimates for the constraint and index queries pass {@code jit_above_cost}, and compiling them took 0.4-0.5 s
     * of a query that runs in 0.2-0.5 s without it (2,000 tables).
     */
    private static String jitOff(Connection c) throws SQLException {
        if (c.getMetaData().getDatabaseMajorVersion() < 11) {
            return null;
        }
        String before;
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('jit', true)");
             ResultSet rs = ps.executeQuery()) {
            before = rs.next() ? rs.getString(1) : null;
        }
        if (before == null || before.equals("off")) {
            return null;
        }
        setJit(c, "off");
        return before;
    }

    /** Puts back what {@link #jitOff} changed; a failure here never hides the read's own. */
    private static void restoreJit(Connection c, String before) {
        if (before == null) {
            return;
        }
        try {
            setJit(c, before);
        } catch (SQLException e) {
            // the session is gone or its transaction aborted (which undoes the change anyway)
        }
    }

    private static void setJit(Connection c, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('jit', ?, false)")) {
            ps.setString(1, value);
            ps.executeQuery().close();
        }
    }

    /** The tool's own state tables: never part of State A. */
    private static final java.util.Set<String> TOOL_TABLES = java.util.Set.of(StateStore.PLANS_TABLE,
            StateStore.STEPS_TABLE, StateStore.OBJECTS_TABLE, StateStore.PROBE_TABLE);

    private static List<Map<String, String>> query(Connection c, String sql, String... args) throws SQLException {
        List<Map<String, String>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT),
                                rs.getString(i));
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    private static List<Ident> idents(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isEmpty()) {
            return List.of();
        }
        // names are joined with a NUL-free separator that cannot occur in identifiers we read back: chr(1)
        return java.util.Arrays.stream(commaSeparated.split("\u0001")).map(Ident::of).toList();
    }

    /**
     * information_schema.columns.column_default as an SQL expression, or null for "no default". MariaDB (10.2.7+)
     * reports a literal NULL as the text {@code NULL} and quotes string literals; MySQL 8 reports no default as SQL
     * NULL, string literals unquoted, and marks expression defaults with {@code DEFAULT_GENERATED} in extra.
     */
    static String mysqlDefault(String reported, String extra, String columnType, boolean mariadb) {
        if (reported == null || reported.equalsIgnoreCase("NULL")) {
            return null;
        }
        if (mariadb) {
            return reported;
        }
        if (extra != null && extra.toUpperCase(java.util.Locale.ROOT).contains("DEFAULT_GENERATED")) {
            return reported.equalsIgnoreCase("CURRENT_TIMESTAMP") ? reported : "(" + reported + ")";
        }
        String type = columnType == null ? "" : columnType.toLowerCase(java.util.Locale.ROOT);
        if (type.matches("(tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric|float|double|real|bit|year)"
                + "\\b.*") && reported.matches("-?[0-9.eE+-]+")) {
            return reported;
        }
        return "'" + reported.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static DataType type(String reported) {
        try {
            return DataType.parse(reported);
        } catch (IllegalArgumentException e) {
            return new DataType(reported, reported.toLowerCase(java.util.Locale.ROOT), List.of(), false);
        }
    }

    /** {@code pg_attribute.attidentity} ('a' always, 'd' by default, '' none) and its sequence's name. */
    private static dev.migrationstrategist.schema.Identity identity(String kind, String sequence) {
        if (kind == null || kind.isEmpty()) {
            return null;
        }
        return new dev.migrationstrategist.schema.Identity("a".equals(kind),
                sequence == null ? null : Ident.of(sequence));
    }

    /** One namespace {@code scope}, its tables named relative to the current schema {@code current}. */
    private record Postgres(Connection c, String scope, String current) {
        /** A table of namespace {@code schema}: unqualified in the current schema, else qualified. */
        private Ident name(String schema, String relname) {
            return schema == null || schema.equals(current) ? Ident.of(relname) : Ident.qualified(schema, relname);
        }

        Schema read() throws SQLException {
            Schema schema = readScope();
            if (scope.equals(current)) {
                return schema;
            }
            return new Schema(schema.tables().stream().map(t -> t.withName(name(scope, t.name().name()))).toList(),
                    schema.enums(), schema.domains());
        }

        private Schema readScope() throws SQLException {
            Map<String, Table> tables = new LinkedHashMap<>();
            for (Map<String, String> r : query(c, "SELECT c.relname FROM pg_class c JOIN pg_namespace n"
                    + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('r', 'p') ORDER BY c.oid",
                    scope)) {
                tables.put(r.get("relname"), new Table(Ident.of(r.get("relname")), List.of(), List.of(), List.of()));
            }
            for (Map<String, String> r : query(c, "SELECT c.relname, a.attname,"
                    + " format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,"
                    + " pg_get_expr(d.adbin, d.adrelid) AS dflt, a.attidentity AS ident,"
                    + " (SELECT s.relname FROM pg_depend dep JOIN pg_class s ON s.oid = dep.objid"
                    + " WHERE dep.classid = 'pg_class'::regclass AND dep.refobjid = a.attrelid"
                    + " AND dep.refobjsubid = a.attnum AND dep.deptype = 'i' AND s.relkind = 'S') AS identseq"
                    + " FROM pg_attribute a"
                    + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                    + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped"
                    + " ORDER BY c.oid, a.attnum", scope)) {
                tables.computeIfPresent(r.get("relname"), (k, t) -> t.withColumn(new Column(Ident.of(r.get("attname")),
                        type(r.get("type")), !"t".equals(r.get("attnotnull")), r.get("dflt"), false,
                        identity(r.get("ident"), r.get("identseq")))));
            }
            String cols = "(SELECT string_agg(a.attname, chr(1) ORDER BY k.ord) FROM unnest(%s) WITH ORDINALITY"
                    + " k(num, ord) JOIN pg_attribute a ON a.attrelid = %s AND a.attnum = k.num)";
            for (Map<String, String> r : query(c, "SELECT c.relname, con.conname, con.contype, con.convalidated,"
                    + " " + cols.formatted("con.conkey", "con.conrelid") + " AS cols,"
                    + " " + cols.formatted("con.confkey", "con.confrelid") + " AS refcols,"
                    + " rc.relname AS reftable, rn.nspname AS refschema, con.confdeltype, con.confupdtype,"
                    + " CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid) END AS def"  // checks use it
                    + " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_class rc ON rc.oid = con.confrelid"
                    + " LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace"
                    + " WHERE n.nspname = ? AND con.contype IN ('p', 'u', 'c', 'f') ORDER BY c.oid, con.conname",
                    scope)) {
                Ident name = Ident.of(r.get("conname"));
                List<Ident> columns = idents(r.get("cols"));
                boolean valid = "t".equals(r.get("convalidated"));
                Constraint con = switch (r.get("contype")) {
                    case "p" -> new Constraint.PrimaryKey(name, columns);
                    case "u" -> new Constraint.Unique(name, columns);
                    case "c" -> new Constraint.Check(name, checkExpression(r.get("def")), columns, valid);
                    default -> new Constraint.ForeignKey(name, columns, name(r.get("refschema"), r.get("reftable")),
                            idents(r.get("refcols")), action(r.get("confdeltype")), action(r.get("confupdtype")),
                            valid);
                };
                tables.computeIfPresent(r.get("relname"), (k, t) -> t.withConstraint(con));
            }
            for (Map.Entry<String, List<Index>> e : PostgresIndexReader.read(c, scope, tables).entrySet()) {
                for (Index index : e.getValue()) {
                    tables.computeIfPresent(e.getKey(), (k, t) -> t.withIndex(index));
                }
            }
            for (Map<String, String> r : query(c, "SELECT c.relname, CASE WHEN c.relkind = 'p'"
                    + " THEN pg_get_partkeydef(c.oid) END AS partkey, p.relname AS parent, pn.nspname AS parentschema,"
                    + " CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS bound"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " LEFT JOIN pg_inherits i ON i.inhrelid = c.oid AND c.relispartition"
                    + " LEFT JOIN pg_class p ON p.oid = i.inhparent LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace"
                    + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND (c.relkind = 'p' OR c.relispartition)",
                    scope)) {
                Partitioning partitioning = partitioning(r.get("partkey"),
                        r.get("parent") == null ? null : name(r.get("parentschema"), r.get("parent")), r.get("bound"));
                tables.computeIfPresent(r.get("relname"), (k, t) -> t.withPartitioning(partitioning));
            }
            return new Schema(List.copyOf(tables.values()), enums(), domains());
        }

        /** {@code RANGE (created_at)} from pg_get_partkeydef as strategy and key; the parent and its bound. */
        private static Partitioning partitioning(String partkey, Ident parent, String bound) {
            String strategy = null;
            String key = null;
            if (partkey != null) {
                int open = partkey.indexOf('(');
                strategy = partkey.substring(0, open).trim();
                key = partkey.substring(open + 1, partkey.lastIndexOf(')')).trim();
            }
            return new Partitioning(strategy, key, parent, bound);
        }

        /** The enum types of the namespace ({@code CREATE TYPE ... AS ENUM}), values in their sort order. */
        private List<dev.migrationstrategist.schema.EnumType> enums() throws SQLException {
            Map<String, List<String>> values = new LinkedHashMap<>();
            for (Map<String, String> r : query(c, "SELECT t.typname, e.enumlabel FROM pg_type t"
                    + " JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid"
                    + " WHERE n.nspname = ? ORDER BY t.oid, e.enumsortorder", scope)) {
                values.computeIfAbsent(r.get("typname"), k -> new ArrayList<>()).add(r.get("enumlabel"));
            }
            return values.entrySet().stream()
                    .map(e -> new dev.migrationstrategist.schema.EnumType(Ident.of(e.getKey()), e.getValue()))
                    .toList();
        }

        /** The domains of the namespace (pg_type typtype 'd') with their CHECKs (pg_constraint contypid). */
        private List<dev.migrationstrategist.schema.DomainType> domains() throws SQLException {
            Map<String, dev.migrationstrategist.schema.DomainType> out = new LinkedHashMap<>();
            for (Map<String, String> r : query(c, "SELECT t.typname, format_type(t.typbasetype, t.typtypmod) AS base,"
                    + " t.typnotnull, t.typdefault FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                    + " WHERE n.nspname = ? AND t.typtype = 'd' ORDER BY t.oid", scope)) {
                out.put(r.get("typname"), new dev.migrationstrategist.schema.DomainType(Ident.of(r.get("typname")),
                        type(r.get("base")), "t".equals(r.get("typnotnull")), r.get("typdefault"), List.of()));
            }
            for (Map<String, String> r : query(c, "SELECT t.typname, con.conname, con.convalidated,"
                    + " pg_get_constraintdef(con.oid) AS def FROM pg_constraint con JOIN pg_type t ON t.oid = con.contypid"
                    + " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ? AND con.contype = 'c'"
                    + " ORDER BY t.oid, con.conname", scope)) {
                out.computeIfPresent(r.get("typname"), (k, d) -> d.withCheck(
                        new dev.migrationstrategist.schema.DomainType.Check(Ident.of(r.get("conname")),
                                checkExpression(r.get("def")), "t".equals(r.get("convalidated")))));
            }
            return List.copyOf(out.values());
        }

        private static String checkExpression(String def) {
            // "CHECK ((qty > 0)) NOT VALID" -> "(qty > 0)"
            String d = def.replaceFirst("^CHECK\\s*", "").replaceFirst("\\s+NOT VALID$", "");
            return d.startsWith("(") && d.endsWith(")") ? d.substring(1, d.length() - 1) : d;
        }

        private static String action(String code) {
            return switch (code == null ? "a" : code) {
                case "c" -> "CASCADE";
                case "n" -> "SET NULL";
                case "d" -> "SET DEFAULT";
                case "r" -> "RESTRICT";
                default -> null; // 'a' NO ACTION, the default
            };
        }
    }

    private record MySql(Connection c, String scope) {
        Schema read() throws SQLException {
            Map<String, Table> tables = new LinkedHashMap<>();
            // the table's collation names its default charset too (utf8mb4_unicode_520_ci → utf8mb4): lint judges
            // CONVERT TO / MODIFY ... CHARACTER SET by it
            for (Map<String, String> r : query(c, "SELECT table_name AS t, table_collation AS coll"
                    + " FROM information_schema.tables"
                    + " WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY create_time, table_name",
                    scope)) {
                tables.put(r.get("t"), new Table(Ident.of(r.get("t")), List.of(), List.of(), List.of())
                        .withEncoding(TextEncoding.of(null, r.get("coll"))));
            }
            boolean mariadb = c.getMetaData().getDatabaseProductVersion().toLowerCase(java.util.Locale.ROOT)
                    .contains("mariadb");
            for (Map<String, String> r : query(c, "SELECT table_name AS t, column_name AS c, column_type AS type,"
                    + " is_nullable AS n, column_default AS d, extra AS x, character_set_name AS cs,"
                    + " collation_name AS coll FROM information_schema.columns"
                    + " WHERE table_schema = ? ORDER BY table_name, ordinal_position", scope)) {
                tables.computeIfPresent(r.get("t"), (k, t) -> t.withColumn(new Column(Ident.of(r.get("c")),
                        type(r.get("type")), "YES".equals(r.get("n")),
                        mysqlDefault(r.get("d"), r.get("x"), r.get("type"), mariadb),
                        r.get("x") != null && r.get("x").toLowerCase(java.util.Locale.ROOT).contains("auto_increment"),
                        TextEncoding.of(r.get("cs"), r.get("coll")))));
            }
            for (Map<String, String> r : query(c, "SELECT tc.table_name AS t, tc.constraint_name AS name,"
                    + " tc.constraint_type AS kind,"
                    + " GROUP_CONCAT(k.column_name ORDER BY k.ordinal_position SEPARATOR 0x01) AS cols,"
                    + " GROUP_CONCAT(k.referenced_column_name ORDER BY k.ordinal_position SEPARATOR 0x01) AS refcols,"
                    + " MAX(k.referenced_table_name) AS reftable, MAX(rc.delete_rule) AS del, MAX(rc.update_rule) AS upd"
                    + " FROM information_schema.table_constraints tc"
                    + " JOIN information_schema.key_column_usage k ON k.constraint_schema = tc.constraint_schema"
                    // BINARY: information_schema compares names case-insensitively, and with lower_case_table_names
                    // = 0 (Linux's default) Orders and orders are two tables, each with its own PRIMARY
                    + " AND BINARY k.table_name = BINARY tc.table_name AND k.constraint_name = tc.constraint_name"
                    + " LEFT JOIN information_schema.referential_constraints rc"
                    + " ON rc.constraint_schema = tc.constraint_schema AND rc.constraint_name = tc.constraint_name"
                    + " AND BINARY rc.table_name = BINARY tc.table_name"
                    + " WHERE tc.table_schema = ? AND tc.constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')"
                    + " GROUP BY BINARY tc.table_name, tc.constraint_name, tc.constraint_type"
                    + " ORDER BY tc.table_name, tc.constraint_name", scope)) {
                Constraint con = r.get("kind").equals("PRIMARY KEY")
                        ? new Constraint.PrimaryKey(Ident.of(r.get("name")), idents(r.get("cols")))
                        : new Constraint.ForeignKey(Ident.of(r.get("name")), idents(r.get("cols")),
                        Ident.of(r.get("reftable")), idents(r.get("refcols")), rule(r.get("del")),
                        rule(r.get("upd")), true);
                tables.computeIfPresent(r.get("t"), (k, t) -> t.withConstraint(con));
            }
            // information_schema.check_constraints exists from MariaDB 10.2.22 / 10.3.10 on: on older servers the
            // checks are not read (a known gap of State A there)
            boolean checks = !query(c, "SELECT 1 FROM information_schema.tables WHERE table_schema ="
                    + " 'information_schema' AND table_name = 'CHECK_CONSTRAINTS'").isEmpty();
            for (Map<String, String> r : !checks ? List.<Map<String, String>>of() : query(c, "SELECT table_name AS t,"
                    + " constraint_name AS name, check_clause AS expr FROM information_schema.check_constraints"
                    + " WHERE constraint_schema = ? ORDER BY table_name, constraint_name", scope)) {
                tables.computeIfPresent(r.get("t"), (k, t) -> t.withConstraint(new Constraint.Check(
                        Ident.of(r.get("name")), r.get("expr"), columnsIn(r.get("expr"), t), true)));
            }
            for (Map.Entry<String, List<Index>> e : MySqlIndexReader.read(c, scope, tables).entrySet()) {
                for (Index index : e.getValue()) {
                    tables.computeIfPresent(e.getKey(), (k, t) -> t.withIndex(index));
                }
            }
            for (Map<String, String> r : query(c, "SELECT table_name AS t, MAX(partition_method) AS method,"
                    + " MAX(partition_expression) AS expr FROM information_schema.partitions WHERE table_schema = ?"
                    + " AND partition_method IS NOT NULL GROUP BY BINARY table_name", scope)) {
                Partitioning partitioning = new Partitioning(r.get("method"), r.get("expr"), null, null);
                tables.computeIfPresent(r.get("t"), (k, t) -> t.withPartitioning(partitioning));
            }
            return new Schema(List.copyOf(tables.values()), List.of());
        }

        private static List<Ident> columnsIn(String expression, Table table) {
            return table.columns().stream().map(Column::name)
                    .filter(n -> java.util.regex.Pattern.compile("(?i)(?<![A-Za-z0-9_$])`?"
                            + java.util.regex.Pattern.quote(n.name()) + "`?(?![A-Za-z0-9_$])").matcher(expression).find())
                    .toList();
        }

        private static String rule(String rule) {
            return rule == null || rule.equals("RESTRICT") || rule.equals("NO ACTION") ? null : rule;
        }
    }
}
