package dev.migrationstrategist.db;

import dev.migrationstrategist.api.PlanResult;
import dev.migrationstrategist.api.Strategist;
import dev.migrationstrategist.plan.BackfillStep;
import dev.migrationstrategist.plan.Phase;
import dev.migrationstrategist.testing.TestDatabase;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch forms of split ({@code INSERT ... SELECT}), merge ({@code UPDATE ... FROM/JOIN}) and move (upsert), run
 * by {@code apply} from their statements over tables and columns whose names have a space (and a reserved word): the
 * expand, the backfill in 3 batches of 100 with its parameters bound, the remaining count at 0, then rollback.
 *
 * @param label  what the case moves
 * @param stateA State A, written with {@code Q(name)} for each quoted name
 * @param change the phrase, with {@code Q(name)} likewise
 * @param seed   the rows, with {@code Q(name)} likewise
 * @param source the table the batches range over and its rows
 */
record BackfillFormsScenario(String label, String stateA, String change, List<String> seed, String source) {
    static final int ROWS = 250;

    static List<BackfillFormsScenario> cases() {
        String users = "CREATE TABLE Q(bf users) (Q(user id) bigint PRIMARY KEY, Q(order) varchar(100) NOT NULL";
        String profiles = "CREATE TABLE Q(bf profiles) (Q(profile user) bigint PRIMARY KEY, %s CONSTRAINT Q(bf fk)"
                + " FOREIGN KEY (Q(profile user)) REFERENCES Q(bf users) (Q(user id)) ON DELETE CASCADE);";
        String seedUsers = "INSERT INTO Q(bf users) (Q(user id), Q(order), Q(the bio), Q(avatar url)) VALUES (%d, 'e%d',"
                + " %s, 'a%d')";
        return List.of(
                new BackfillFormsScenario("split", users + ", Q(the bio) text, Q(avatar url) varchar(200));",
                        "split table Q(bf users) columns Q(the bio), Q(avatar url) into Q(bf profiles)",
                        List.of(seedUsers), "bf users"),
                new BackfillFormsScenario("merge", users + ");\n" + profiles.formatted("Q(the bio) text,"),
                        "merge table Q(bf profiles) into Q(bf users)",
                        List.of("INSERT INTO Q(bf users) (Q(user id), Q(order)) VALUES (%d, 'e%d')",
                                "INSERT INTO Q(bf profiles) (Q(profile user), Q(the bio)) VALUES (%2$d, %3$s)"),
                        "bf profiles"),
                new BackfillFormsScenario("move", users + ", Q(the bio) text, Q(avatar url) varchar(200));\n"
                        + profiles.formatted("Q(twitter x) varchar(50),"),
                        "move columns Q(the bio), Q(avatar url) from Q(bf users) to Q(bf profiles)",
                        List.of(seedUsers), "bf users"));
    }

    @Override
    public String toString() {
        return label;
    }

    void run(TestDatabase db, String dialect) {
        UnaryOperator<String> q = text -> quote(db, text);
        db.execute(List.of(q.apply(stateA).split(";\\s*")));
        for (int i = 1; i <= ROWS; i++) {
            for (String row : seed) {
                String bio = i % 10 == 0 ? "NULL" : "'bio " + i + "'";
                db.execute(q.apply(row.formatted(i, i, bio, i)));
            }
        }
        PlanResult result = Strategist.configure().dialect(dialect).schemaSql(q.apply(stateA)).batchSize(100).load()
                .plan(q.apply(change));
        Path dir = ApplyScenario.tempDir();
        result.write(dir);
        PlanFile plan = PlanFile.read(dir.resolve(PlanResult.JSON_FILE));
        BackfillStep backfill = (BackfillStep) plan.steps().stream().filter(s -> s.phase() == Phase.BACKFILL)
                .findFirst().orElseThrow();
        assertThat(backfill.batch().statement().rangeTable().name()).isEqualTo(source);

        ApplyScenario.Log log = new ApplyScenario.Log();
        Database database = ApplyScenario.database(db);
        ApplyOptions fixed = ApplyOptions.defaults().withBatching(100, Duration.ZERO, Duration.ZERO);
        new Applier(database, fixed, log).apply(plan, "p");
        assertThat(db.count(backfill.remainingSql())).as("rows to copy before the backfill").isPositive();
        new Applier(database, fixed.withThrough(Phase.BACKFILL), log).apply(plan, "p");
        assertThat(log.lines).anySatisfy(l -> assertThat(l).contains(" in 3 batches"));
        assertThat(db.count(backfill.remainingSql())).as(backfill.remainingSql()).isZero();

        assertThat(new Rollbacker(database, ApplyOptions.defaults(), log).rollback(plan, true)).isNotEmpty();
    }

    /** {@code Q(name)} as the database quotes it. */
    static String quote(TestDatabase db, String text) {
        char quote = db.family().equals("postgresql") ? '"' : '`';
        return text.replaceAll("Q\\(([^)]*)\\)", quote + "$1" + quote);
    }
}
