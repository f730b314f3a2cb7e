package dev.migrationstrategist.testing;

import dev.migrationstrategist.db.SchemaMatch;
import dev.migrationstrategist.db.CatalogReader;
import dev.migrationstrategist.plan.BackfillStep;
import dev.migrationstrategist.plan.Plan;
import dev.migrationstrategist.plan.SchemaStep;
import dev.migrationstrategist.schema.Schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a plan's steps against a real server the way {@code apply} would: a schema step's statements exactly as
 * listed, in one transaction when the step says it is transactional (PostgreSQL), else one by one; a backfill in
 * keyset batches, binding {@code :last_id}, {@code :next_id} and {@code :batch_size}, each batch its own
 * transaction.
 */
public final class PlanExecution {
    private static final Pattern PLACEHOLDER = Pattern.compile(":(last_id|next_id|batch_size)\\b");

    private final TestDatabase db;

    public PlanExecution(TestDatabase db) {
        this.db = db;
    }

    public void run(SchemaStep step) {
        run(dev.migrationstrategist.strategy.PlanSteps.unguarded(step.statements()),
                step.transactional() && db.family().equals("postgresql"));
    }

    /**
     * Runs statements (a step's or a rollback's); in one transaction when {@code transactional}; a statement on its
     * own that gives up waiting for a lock is retried, as apply retries it ({@code PlanSteps.execute}).
     */
    public void run(List<String> statements, boolean transactional) {
        dev.migrationstrategist.strategy.PlanSteps.execute(db, statements, transactional);
    }

    /**
     * Runs the backfill from the first key, calling {@code betweenBatches} after each batch with the batch
     * number (1-based); returns the number of batches.
     */
    public int backfill(BackfillStep step, java.util.function.IntConsumer betweenBatches) {
        long last = Long.MIN_VALUE;
        int batches = 0;
        try (Connection c = db.newConnection()) {
            while (true) {
                Long next;
                try (PreparedStatement ps = prepare(c, step.nextKeySql(), last, null, step.batchSize());
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long v = rs.getLong(1);
                    next = rs.wasNull() ? null : v;
                }
                if (next == null) {
                    return batches;
                }
                try (PreparedStatement ps = prepare(c, step.batchSql(), last, next, step.batchSize())) {
                    ps.executeUpdate();
                }
                last = next;
                batches++;
                betweenBatches.accept(batches);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("backfill failed: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, long last, Long next, int batchSize)
            throws SQLException {
        Matcher m = PLACEHOLDER.matcher(sql);
        List<String> order = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            order.add(m.group(1));
            m.appendReplacement(sb, "?");
        }
        m.appendTail(sb);
        PreparedStatement ps = c.prepareStatement(sb.toString());
        for (int i = 0; i < order.size(); i++) {
            switch (order.get(i)) {
                case "last_id" -> ps.setLong(i + 1, last);
                case "next_id" -> ps.setLong(i + 1, next);
                default -> ps.setInt(i + 1, batchSize);
            }
        }
        return ps;
    }

    /** The live catalog of the test's scope as a model. */
    public Schema catalog() {
        try {
            return CatalogReader.read(db.connection(), db.scope());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asserts the live catalog equals {@code model}, as {@link SchemaMatch} renders both. */
    public void assertCatalogIs(Schema model, String when) {
        boolean mysql = !db.family().equals("postgresql");
        org.assertj.core.api.Assertions.assertThat(SchemaMatch.catalog(catalog(), model, mysql))
                .as("catalog " + when).isEqualTo(SchemaMatch.model(model, mysql));
    }

    public static List<SchemaStep> schemaSteps(Plan plan, dev.migrationstrategist.plan.Phase phase) {
        return plan.stepsIn(phase).stream().map(SchemaStep.class::cast).toList();
    }
}
