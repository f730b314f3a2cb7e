package dev.migrationstrategist.db;

import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.plan.Step;
import dev.migrationstrategist.statement.DbObject;
import dev.migrationstrategist.statement.Rendered;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The PostgreSQL check before a contract, scoped to the plan: of the indexes and constraints the plan's own statements
 * create ({@code creates()}), those still INVALID or NOT VALID in the current schema. Objects the plan did not create
 * (a constraint the application keeps NOT VALID on purpose, another plan's index build) are none of its business, and
 * an object the plan created and dropped again (the temporary check of SET NOT NULL) is simply absent.
 */
final class ContractGate {
    private ContractGate() {
    }

    /** {@code index name on table} / {@code constraint name on table} for each object found unfinished. */
    static List<String> unfinished(Connection c, List<Step> steps) throws SQLException {
        Set<DbObject> created = new LinkedHashSet<>();
        for (Step step : steps) {
            if (step instanceof SchemaStep s) {
                for (Rendered r : s.statements()) {
                    created.addAll(r.statement().creates());
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (DbObject o : created) {
            if (o instanceof DbObject.Index i && exists(c, "SELECT 1 FROM pg_index x JOIN pg_class ic"
                    + " ON ic.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid WHERE NOT x.indisvalid"
                    + " AND ic.relnamespace = " + NAMESPACE + " AND ic.relname = ? AND t.relname = ?",
                    schemaOf(i.table()), i.name().name(), i.table().name())) {
                out.add(i.describe());
            } else if (o instanceof DbObject.Constraint k && exists(c, "SELECT 1 FROM pg_constraint k JOIN pg_class t"
                    + " ON t.oid = k.conrelid WHERE NOT k.convalidated AND t.relnamespace = " + NAMESPACE
                    + " AND k.conname = ? AND t.relname = ?", schemaOf(k.table()), k.name().name(), k.table().name())) {
                out.add(k.describe());
            }
        }
        return out;
    }

    /** The table's schema ({@code ?}: its own, or the current one for an unqualified name). */
    private static final String NAMESPACE = "(SELECT ns.oid FROM pg_namespace ns"
            + " WHERE ns.nspname = COALESCE(CAST(? AS text), current_schema()))";

    private static String schemaOf(dev.migrationstrategist.schema.Ident table) {
        return table == null ? null : table.schema();
    }

    private static boolean exists(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
