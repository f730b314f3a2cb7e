package dev.migrationstrategist.db;

import dev.migrationstrategist.schema.Ident;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The leaf partitions of a partitioned PostgreSQL table as the catalog has them when the backfill runs, in the order
 * a per-partition backfill walks them: the plan's leaves that are still leaves of the table, in the plan's order,
 * then any leaf created since the plan was made, in creation (oid) order. A leaf the plan named that is gone (detached
 * or dropped) is no longer part of the table and is not walked.
 */
final class PartitionLeaves {
    /** Every table below the parent that holds rows (relkind 'r'; a sub-partitioned partition is walked through). */
    static final String QUERY = "WITH RECURSIVE tree AS (SELECT inhrelid AS oid FROM pg_inherits WHERE inhparent ="
            + " to_regclass(?) UNION ALL SELECT i.inhrelid FROM pg_inherits i JOIN tree t ON i.inhparent = t.oid)"
            + " SELECT c.relname FROM tree JOIN pg_class c ON c.oid = tree.oid WHERE c.relkind = 'r' ORDER BY c.oid";

    private PartitionLeaves() {
    }

    /** The walk: planned leaves still there, in plan order, then the catalog's other leaves. */
    static List<Ident> walk(List<Ident> planned, List<Ident> now) {
        Set<String> present = new LinkedHashSet<>(now.stream().map(Ident::name).toList());
        List<Ident> out = new ArrayList<>();
        Set<String> taken = new LinkedHashSet<>();
        for (Ident p : planned) {
            if (present.contains(p.name()) && taken.add(p.name())) {
                out.add(p);
            }
        }
        for (Ident p : now) {
            if (taken.add(p.name())) {
                out.add(p);
            }
        }
        return out;
    }

    /** The catalog's leaves below {@code parent} (its name quoted as the dialect quotes it), in oid order. */
    static List<Ident> inCatalog(Connection connection, String quotedParent) throws SQLException {
        List<Ident> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(QUERY)) {
            ps.setString(1, quotedParent);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Ident.of(rs.getString(1)));
                }
            }
        }
        return out;
    }
}
