package dev.migrationstrategist.db;

import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.ExpressionTokens;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.IndexKey;
import dev.migrationstrategist.schema.Table;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The indexes of one PostgreSQL namespace, from the catalog: {@code pg_index} (uniqueness, validity, key and
 * INCLUDE columns from {@code indkey}/{@code indnkeyatts}, {@code indoption} for DESC and NULLS FIRST,
 * {@code indclass} for the operator class, {@code indcollation}, {@code indnullsnotdistinct} from 15), the index's
 * own {@code pg_attribute.attoptions} (operator class parameters) and {@code pg_class.reloptions} (storage
 * parameters), {@code pg_get_indexdef(oid, k, false)} for an expression key and {@code pg_get_expr(indpred)} for the
 * predicate. Those two are the server's deparsed text under the session's {@code search_path} (pg_dump deparses with
 * an empty one, so a non-pg_catalog function or type in an expression is qualified in a dump and may not be here);
 * operator class and collation names are spelled as pg_dump spells them, qualified outside pg_catalog
 * ({@code public.gin_trgm_ops}, {@code "C"}).
 *
 * <p>What {@code pg_get_indexdef} leaves out the model leaves out too: the b-tree method (null), an operator class
 * that is the default of its type ({@code opcdefault}), the collation a key has
 * anyway, the NULLS order that is the default of the direction. Indexes that implement a primary-key, unique or
 * exclusion constraint are not read (the constraint stands for them).
 */
final class PostgresIndexReader {
    private PostgresIndexReader() {
    }

    private record Head(Ident table, Ident name, boolean unique, String method, String where, boolean valid,
                        int keyCount, boolean nullsNotDistinct, List<String> with) {
    }

    private record Key(int ord, int attnum, String attname, String def, String opclass, boolean opcdefault,
                       List<String> params, int option, long collation, String collationName) {
    }

    static Map<String, List<Index>> read(Connection c, String scope, Map<String, Table> tables) throws SQLException {
        return readIndexes(c, scope, tables);
    }

    private static Map<String, List<Index>> readIndexes(Connection c, String scope, Map<String, Table> tables)
            throws SQLException {
        int major = c.getMetaData().getDatabaseMajorVersion();
        boolean pg15 = major >= 15;
        String keyCount = major >= 11 ? "x.indnkeyatts" : "x.indnatts"; // INCLUDE came with PostgreSQL 11
        // the indexes of the scope's tables that no constraint owns; each query's own joins go between the two
        // (a join that went into the NOT EXISTS made it correlated: 2 s instead of 60 ms on 1,000 tables)
        String from = " FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid"
                + " JOIN pg_catalog.pg_class t ON t.oid = x.indrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace";
        String where = " WHERE n.nspname = ? AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con"
                + " WHERE con.conindid = x.indexrelid AND con.contype IN ('p', 'u', 'x'))";
        Map<Long, Head> heads = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT x.indexrelid, t.relname AS tbl, i.relname AS idx,"
                + " x.indisunique, x.indisvalid, am.amname, pg_catalog.pg_get_expr(x.indpred, x.indrelid) AS pred,"
                + " " + keyCount + " AS indnkeyatts, " + (pg15 ? "x.indnullsnotdistinct" : "false") + " AS nnd, i.reloptions"
                + from + " JOIN pg_catalog.pg_am am ON am.oid = i.relam" + where
                + " ORDER BY t.oid, i.relname")) {
            ps.setString(1, scope);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String method = rs.getString("amname");
                    heads.put(rs.getLong("indexrelid"), new Head(Ident.of(rs.getString("tbl")),
                            Ident.of(rs.getString("idx")), rs.getBoolean("indisunique"),
                            "btree".equals(method) ? null : method, ExpressionTokens.unwrap(rs.getString("pred")), rs.getBoolean("indisvalid"),
                            rs.getInt("indnkeyatts"), rs.getBoolean("nnd"), strings(rs.getArray("reloptions"))));
                }
            }
        }
        Map<Long, List<Key>> keys = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT x.indexrelid, k.ord, k.attnum, a.attname,"
                + " CASE WHEN k.attnum = 0 THEN pg_catalog.pg_get_indexdef(x.indexrelid, k.ord::int, false) END AS def,"
                + " " + qualified("opn", "opc.opcname")
                + " AS opcname, opc.opcdefault, ia.attoptions, k.opt, k.coll, " + qualified("cns", "co.collname")
                + " AS collname, a.attcollation" + from
                + " CROSS JOIN LATERAL unnest(x.indkey::int2[], x.indclass::oid[],"
                + " x.indoption::int2[], x.indcollation::oid[]) WITH ORDINALITY k(attnum, cls, opt, coll, ord)"
                + " LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum"
                + " AND k.attnum > 0"
                + " LEFT JOIN pg_catalog.pg_attribute ia ON ia.attrelid = x.indexrelid AND ia.attnum = k.ord"
                + " LEFT JOIN pg_catalog.pg_opclass opc ON opc.oid = k.cls"
                + " LEFT JOIN pg_catalog.pg_namespace opn ON opn.oid = opc.opcnamespace"
                + " LEFT JOIN pg_catalog.pg_collation co ON co.oid = k.coll"
                + " LEFT JOIN pg_catalog.pg_namespace cns ON cns.oid = co.collnamespace" + where
                + " ORDER BY x.indexrelid, k.ord")) {
            ps.setString(1, scope);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long attcollation = rs.getLong("attcollation");
                    long coll = rs.getLong("coll");
                    boolean ownCollation = rs.getString("attname") != null ? coll == attcollation : coll == 0;
                    keys.computeIfAbsent(rs.getLong("indexrelid"), k -> new ArrayList<>()).add(new Key(
                            rs.getInt("ord"), rs.getInt("attnum"), rs.getString("attname"), rs.getString("def"),
                            rs.getString("opcname"), rs.getBoolean("opcdefault"), strings(rs.getArray("attoptions")),
                            rs.getInt("opt"), ownCollation ? 0 : coll, rs.getString("collname")));
                }
            }
        }
        Map<String, Map<String, Long>> collations = columnCollations(c, scope);
        Map<String, List<Index>> out = new LinkedHashMap<>();
        for (Map.Entry<Long, Head> e : heads.entrySet()) {
            Head h = e.getValue();
            Table table = tables.get(h.table().name());
            List<Ident> tableColumns = table == null ? List.of() : table.columns().stream().map(Column::name).toList();
            List<IndexKey> indexKeys = new ArrayList<>();
            List<Ident> include = new ArrayList<>();
            for (Key k : keys.getOrDefault(e.getKey(), List.of())) {
                if (k.ord() > h.keyCount()) {
                    include.add(Ident.of(k.attname()));
                    continue;
                }
                boolean desc = (k.option() & 1) != 0;
                String nulls = (k.option() & 2) != 0 ? "FIRST" : "LAST";
                String opclass = k.opcdefault() ? null : k.opclass();
                IndexKey key;
                if (k.attnum() != 0) {
                    key = new IndexKey(Ident.of(k.attname()), null, opclass, k.params(),
                            k.collation() == 0 ? null : k.collationName(), desc, nulls, null);
                } else {
                    IndexKey bare = IndexKey.expression(k.def());
                    // an expression's own collation is that of the columns it uses (or the default one)
                    boolean own = k.collation() == 0 || k.collation() == DEFAULT_COLLATION
                            || bare.columnsIn(tableColumns).stream().anyMatch(col -> collations
                            .getOrDefault(h.table().name(), Map.of()).getOrDefault(col.name(), 0L) == k.collation());
                    key = new IndexKey(null, k.def(), opclass, k.params(), own ? null : k.collationName(), desc,
                            nulls, null);
                }
                indexKeys.add(key);
            }
            List<Ident> columns = new ArrayList<>();
            for (IndexKey k : indexKeys) {
                k.columnsIn(tableColumns).stream().filter(x -> !columns.contains(x)).forEach(columns::add);
            }
            out.computeIfAbsent(h.table().name(), k -> new ArrayList<>()).add(new Index(h.name(), h.table(), columns,
                    h.unique(), h.method(), h.where(), h.valid(), indexKeys, include, h.nullsNotDistinct(), h.with(),
                    false));
        }
        return out;
    }

    private static final long DEFAULT_COLLATION = 100;

    /** A name as pg_dump spells it: quoted where needed, qualified with its schema unless that is pg_catalog. */
    private static String qualified(String namespace, String name) {
        return "CASE WHEN " + namespace + ".nspname = 'pg_catalog' THEN pg_catalog.quote_ident(" + name + ") ELSE"
                + " pg_catalog.quote_ident(" + namespace + ".nspname) || '.' || pg_catalog.quote_ident(" + name
                + ") END";
    }

    /** Each column's collation oid, by table and column. */
    private static Map<String, Map<String, Long>> columnCollations(Connection c, String scope) throws SQLException {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t.relname, a.attname, a.attcollation"
                + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class t ON t.oid = a.attrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace"
                + " WHERE n.nspname = ? AND a.attnum > 0 AND a.attcollation <> 0 AND t.relkind IN ('r', 'p')")) {
            ps.setString(1, scope);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2),
                            rs.getLong(3));
                }
            }
        }
        return out;
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        return Arrays.stream(values).map(String::valueOf).toList();
    }
}
