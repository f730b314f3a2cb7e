package dev.migrationstrategist.db;

import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.IndexKey;
import dev.migrationstrategist.schema.Table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The indexes of one MySQL/MariaDB database, from {@code information_schema.STATISTICS}, one row per key part:
 * {@code COLLATION} ('D' for a descending part), {@code SUB_PART} (a prefix length; not for SPATIAL, whose parts
 * report one though none was written), {@code INDEX_TYPE} (FULLTEXT, SPATIAL; BTREE, and HASH that InnoDB reports as
 * BTREE anyway, are the default: null), {@code NON_UNIQUE}, {@code EXPRESSION} of a functional key part (MySQL 8),
 * {@code IS_VISIBLE} (MySQL 8) or {@code IGNORED} (MariaDB 10.6). The PRIMARY index is not read (the primary key
 * stands for it). Each column is used only where this server's STATISTICS has it.
 */
final class MySqlIndexReader {
    private MySqlIndexReader() {
    }

    static Map<String, List<Index>> read(Connection c, String scope, Map<String, Table> tables) throws SQLException {
        Set<String> available = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT LOWER(column_name) FROM information_schema.columns"
                + " WHERE table_schema = 'information_schema' AND table_name = 'STATISTICS'")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    available.add(rs.getString(1));
                }
            }
        }
        String expression = available.contains("expression") ? "expression" : "NULL";
        String hidden = available.contains("ignored") ? "ignored = 'YES'"
                : available.contains("is_visible") ? "is_visible = 'NO'" : "0";
        Map<String, Map<String, List<Object[]>>> parts = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name, index_name, column_name, " + expression
                + " AS expr, collation, sub_part, index_type, non_unique, (" + hidden + ") AS hidden"
                + " FROM information_schema.statistics WHERE table_schema = ? AND index_name <> 'PRIMARY'"
                + " ORDER BY table_name, index_name, seq_in_index")) {
            ps.setString(1, scope);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object subPart = rs.getObject("sub_part");
                    parts.computeIfAbsent(rs.getString("table_name"), k -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getString("index_name"), k -> new ArrayList<>())
                            .add(new Object[] {rs.getString("column_name"), rs.getString("expr"),
                                    rs.getString("collation"), subPart == null ? null : ((Number) subPart).intValue(),
                                    rs.getString("index_type"), rs.getInt("non_unique"), rs.getBoolean("hidden")});
                }
            }
        }
        Map<String, List<Index>> out = new LinkedHashMap<>();
        for (var byTable : parts.entrySet()) {
            Table table = tables.get(byTable.getKey());
            List<Ident> tableColumns = table == null ? List.of() : table.columns().stream().map(Column::name).toList();
            for (var byIndex : byTable.getValue().entrySet()) {
                List<Object[]> rows = byIndex.getValue();
                String type = ((String) rows.get(0)[4]).toLowerCase(Locale.ROOT);
                String method = type.equals("btree") || type.equals("hash") ? null : type;
                List<IndexKey> keys = new ArrayList<>();
                for (Object[] r : rows) {
                    boolean desc = "D".equals(r[2]);
                    Integer prefix = "spatial".equals(method) ? null : (Integer) r[3];
                    keys.add(r[0] != null ? new IndexKey(Ident.of((String) r[0]), null, null, List.of(), null, desc,
                            null, prefix) : new IndexKey(null, (String) r[1], null, List.of(), null, desc, null, null));
                }
                List<Ident> columns = new ArrayList<>();
                for (IndexKey k : keys) {
                    k.columnsIn(tableColumns).stream().filter(x -> columns.stream().noneMatch(x::sameAs))
                            .forEach(columns::add);
                }
                out.computeIfAbsent(byTable.getKey(), k -> new ArrayList<>()).add(new Index(Ident.of(byIndex.getKey()),
                        Ident.of(byTable.getKey()), columns, (Integer) rows.get(0)[5] == 0, method, null, true, keys,
                        List.of(), false, List.of(), (Boolean) rows.get(0)[6]));
            }
        }
        return out;
    }
}
