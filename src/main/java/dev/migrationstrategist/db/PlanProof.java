package dev.migrationstrategist.db;

import dev.migrationstrategist.error.ErrorCode;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.PostgresDialect;
import dev.migrationstrategist.plan.AppReleaseStep;
import dev.migrationstrategist.proof.PlanEvidence;
import dev.migrationstrategist.rederive.Rederivation;
import dev.migrationstrategist.schema.Schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code apply} checks before the first step, so that a plan proves itself:
 * <ol>
 *   <li>{@link #checkFile}: the file's steps are what its own changes, options and state_a give when planned again,
 *       and its state_a and options still have the fingerprint recorded at planning. A file that fails (edited by
 *       hand, or written before plans carried state_a) is refused unless {@code --accept-edited-plan};</li>
 *   <li>{@link #checkCatalog}: the live database holds the plan's State A for every object the plan touches. It
 *       runs while no schema or backfill step of this plan has been recorded in strategist_steps (status other than
 *       pending): once one has run, the catalog legitimately differs from State A, and the check is skipped with a
 *       log line; the plan id (a hash of its steps) ties those records to this very plan.</li>
 * </ol>
 * Both refuse with {@link ErrorCode#FAILED_SAFELY} before anything is run or written to the state tables.
 */
final class PlanProof {
    private PlanProof() {
    }

    /**
     * Null when the plan proves itself; else, with {@code acceptEdited}, what differs (to record), after a warning.
     */
    static String checkFile(PlanFile plan, boolean acceptEdited, ApplyLog log) {
        Optional<String> edit = edit(plan.evidence());
        if (edit.isEmpty()) {
            log.info("plan " + plan.id() + ": its steps are what its changes, options and state_a give when planned"
                    + " again (fingerprint " + plan.evidence().fingerprint() + ")");
            return null;
        }
        if (!acceptEdited) {
            throw new StrategistException(ErrorCode.FAILED_SAFELY, "plan " + plan.id() + " does not prove itself: "
                    + edit.get() + "; nothing was run (plan again, or pass --accept-edited-plan to run the file as"
                    + " it is)");
        }
        log.info("warning: plan " + plan.id() + " does not prove itself (" + edit.get() + "); running it as it is"
                + " because of --accept-edited-plan, recorded in " + StateStore.PLANS_TABLE);
        return edit.get();
    }

    private static Optional<String> edit(PlanEvidence evidence) {
        if (evidence == null) {
            return Optional.of("it has no state_a (written before plans carried their State A)");
        }
        if (!evidence.computedFingerprint().equals(evidence.fingerprint())) {
            return Optional.of("its state_a or options were changed after planning: state_a.fingerprint is "
                    + evidence.fingerprint() + ", they give " + evidence.computedFingerprint());
        }
        return Rederivation.firstDifference(evidence).map(d -> "its steps are not what its changes, options and"
                + " state_a give (edited by hand, or planned by another version of strategist): " + d);
    }

    /** Refuses when the live objects the plan touches are not its State A; see the class comment for when. */
    static void checkCatalog(PlanFile plan, Connection work, Dialect dialect, ApplyLog log) throws SQLException {
        PlanEvidence evidence = plan.evidence();
        if (evidence == null) {
            log.info("warning: the plan has no state_a: the database was not compared with the State A it was made"
                    + " from");
            return;
        }
        Optional<Integer> ran = firstStepRun(plan, work, dialect);
        if (ran.isPresent()) {
            log.info("State A not compared: step " + ran.get() + " of plan " + plan.id() + " has already run, so the"
                    + " database is expected to differ from it");
            return;
        }
        boolean pg = dialect instanceof PostgresDialect;
        // other schemas are read only for a plan that touches one of their tables
        Schema live = evidence.stateA().tables().stream().anyMatch(t -> t.name().qualified())
                ? CatalogReader.readWithOtherSchemas(work, scope(work, pg)) : CatalogReader.read(work, scope(work, pg));
        List<String> differences = StateADiff.differences(evidence.stateA(), live, !pg);
        if (!differences.isEmpty()) {
            throw new StrategistException(ErrorCode.FAILED_SAFELY, "the database is not the State A plan " + plan.id()
                    + " was made from (" + evidence.fingerprint() + "): " + String.join("; ", differences)
                    + "; nothing was run (plan again from this database with plan --db, or apply the plan where it was"
                    + " made)");
        }
        log.info("State A checked: the " + evidence.stateA().tables().size() + " table(s) the plan touches are as it"
                + " was made from (" + evidence.fingerprint() + ")");
    }

    /** The first schema or backfill step of this plan with a record other than pending, if the state tables exist. */
    private static Optional<Integer> firstStepRun(PlanFile plan, Connection work, Dialect dialect)
            throws SQLException {
        try (Statement st = work.createStatement()) {
            st.executeQuery("SELECT 1 FROM " + StateStore.STEPS_TABLE + " WHERE 1 = 0").close();
        } catch (SQLException noStateTables) {
            if (!work.getAutoCommit()) {
                work.rollback();
            }
            return Optional.empty();
        }
        Map<Integer, StepState> recorded = new StateStore(work, dialect).steps(plan.id());
        return plan.steps().stream().filter(s -> !(s instanceof AppReleaseStep))
                .filter(s -> recorded.containsKey(s.number())
                        && recorded.get(s.number()).status() != StepState.Status.PENDING)
                .map(s -> s.number()).findFirst();
    }

    static String scope(Connection c, boolean pg) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(pg ? "SELECT current_schema()" : "SELECT DATABASE()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
