package dev.migrationstrategist.statement;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.schema.Ident;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each backfill statement renders as the plans have always written it, its placeholders appear in the order its
 * {@code parameters()} says (what apply binds), and a name holding {@code :last_id} or {@code ?} stays inside its
 * quotes in every rendering.
 */
class BackfillStatementsRenderTest {
    private static final Dialect PG = Dialects.parse("postgresql:15");
    private static final Dialect MY = Dialects.parse("mysql:8.0");
    private static final Ident USERS = Ident.of("users");
    private static final Ident ID = Ident.of("id");
    private static final Ident M = Ident.of("m");
    private static final Ident S = Ident.of("s");

    @Test
    void copyBatchNextKeyMinKeyAndCountRenderAsBefore() {
        CopyBatch copy = new CopyBatch(USERS, ID, List.of(new Assignment(Ident.of("full_name"), "name")),
                "full_name IS DISTINCT FROM name");
        assertThat(PG.render(copy)).isEqualTo("UPDATE users SET full_name = name WHERE id > :last_id AND id <= :next_id"
                + " AND full_name IS DISTINCT FROM name");
        assertThat(PG.render(copy, KeyParameters.JDBC_FIRST)).isEqualTo("UPDATE users SET full_name = name WHERE"
                + " id >= ? AND id <= ? AND full_name IS DISTINCT FROM name");
        assertThat(PG.render(copy.nextKey())).isEqualTo("SELECT max(id) FROM (SELECT id FROM users WHERE id > :last_id"
                + " ORDER BY id LIMIT :batch_size) AS batch");
        assertThat(MY.render(copy.minKey())).isEqualTo("SELECT min(id) FROM users");
        assertThat(MY.render(CountRows.where(USERS, "full_name IS NULL")))
                .isEqualTo("SELECT count(*) FROM users WHERE full_name IS NULL");
        CountRows joined = new CountRows(USERS, M, new CountRows.Join(true, Ident.of("profiles"), S, ID, ID), "x");
        assertThat(PG.render(joined)).isEqualTo("SELECT count(*) FROM users m LEFT JOIN profiles s ON s.id = m.id"
                + " WHERE x");
    }

    @Test
    void insertAndUpdateBatchesTakeEachFamilysConflictAndJoinSyntax() {
        Ident bio = Ident.of("bio");
        InsertSelectBatch split = new InsertSelectBatch(USERS, null, ID, List.of(ID, bio), "bio IS NOT NULL",
                Ident.of("profiles"), List.of(ID, bio), ID, InsertSelectBatch.OnConflict.SKIP);
        assertThat(PG.render(split)).isEqualTo("INSERT INTO profiles (id, bio) SELECT id, bio FROM users WHERE"
                + " id > :last_id AND id <= :next_id AND bio IS NOT NULL ON CONFLICT (id) DO NOTHING");
        assertThat(MY.render(split)).isEqualTo("INSERT IGNORE INTO profiles (id, bio) SELECT id, bio FROM users WHERE"
                + " id > :last_id AND id <= :next_id AND bio IS NOT NULL");
        InsertSelectBatch move = new InsertSelectBatch(USERS, M, ID, List.of(ID, bio), "(m.bio IS NOT NULL)",
                Ident.of("profiles"), List.of(Ident.of("user_id"), bio), Ident.of("user_id"),
                InsertSelectBatch.OnConflict.UPDATE);
        assertThat(PG.render(move)).isEqualTo("INSERT INTO profiles (user_id, bio) SELECT m.id, m.bio FROM users m"
                + " WHERE m.id > :last_id AND m.id <= :next_id AND (m.bio IS NOT NULL) ON CONFLICT (user_id) DO UPDATE"
                + " SET bio = EXCLUDED.bio");
        assertThat(MY.render(move)).endsWith(" ON DUPLICATE KEY UPDATE bio = VALUES(bio)").startsWith("INSERT INTO ");
        UpdateJoinBatch merge = new UpdateJoinBatch(USERS, M, ID, Ident.of("profiles"), S, Ident.of("user_id"),
                List.of(bio), "(d)");
        assertThat(PG.render(merge)).isEqualTo("UPDATE users m SET bio = s.bio FROM profiles s WHERE m.id = s.user_id"
                + " AND s.user_id > :last_id AND s.user_id <= :next_id AND (d)");
        assertThat(MY.render(merge)).isEqualTo("UPDATE users m JOIN profiles s ON m.id = s.user_id SET m.bio = s.bio"
                + " WHERE s.user_id > :last_id AND s.user_id <= :next_id AND (d)");
        assertThat(merge.nextKey()).isEqualTo(new NextKey(Ident.of("profiles"), Ident.of("user_id")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql:15", "mysql:8.0", "mariadb:10.11"})
    void placeholdersAppearInTheOrderOfTheParametersAndNamesNeverLeakOutOfTheirQuotes(String spec) {
        Dialect d = Dialects.parse(spec);
        Ident table = Ident.of("t :last_id ? \"`é");
        Ident key = Ident.of("k :next_id?");
        Ident col = Ident.of("select");
        for (BackfillStatement s : statements(table, key, col)) {
            List<String> named = new ArrayList<>();
            Matcher m = Pattern.compile(":(last_id|next_id|batch_size)\\b").matcher(outsideQuotes(d, d.render(s)));
            while (m.find()) {
                named.add(m.group());
            }
            assertThat(named).as(s.kind()).isEqualTo(s.parameters().stream().map(KeyParameters.Param::named).toList());
            for (KeyParameters p : List.of(KeyParameters.JDBC, KeyParameters.JDBC_FIRST)) {
                String jdbc = outsideQuotes(d, d.render(s, p));
                assertThat(jdbc.chars().filter(c -> c == '?').count()).as(jdbc).isEqualTo(s.parameters().size());
                assertThat(jdbc).doesNotContain(":last_id", ":next_id", ":batch_size");
            }
        }
    }

    @Test
    void aCompositeKeyIsARowValueOnPostgresAndWrittenOutOnMySqlWithOneSlotPerPlaceholder() {
        List<Ident> key = List.of(Ident.of("payment_date"), Ident.of("payment_id"));
        Ident t = Ident.of("payment");
        CopyBatch pg = CopyBatch.over(t, key, PG.keyComparison(), List.of(new Assignment(Ident.of("b"), "a")),
                "b IS DISTINCT FROM a", List.of());
        assertThat(PG.render(pg)).isEqualTo("UPDATE payment SET b = a WHERE (payment_date, payment_id) > (:last_id_1,"
                + " :last_id_2) AND (payment_date, payment_id) <= (:next_id_1, :next_id_2) AND b IS DISTINCT FROM a");
        assertThat(PG.render(pg, KeyParameters.JDBC_FIRST)).contains("(payment_date, payment_id) >= (?, ?)");
        assertThat(PG.render(pg.nextKey())).isEqualTo("SELECT payment_date, payment_id FROM (SELECT payment_date,"
                + " payment_id FROM payment WHERE (payment_date, payment_id) > (:last_id_1, :last_id_2) ORDER BY"
                + " payment_date, payment_id LIMIT :batch_size) AS batch ORDER BY payment_date DESC, payment_id DESC"
                + " LIMIT 1");
        assertThat(PG.render(pg.minKey())).isEqualTo("SELECT payment_date, payment_id FROM payment ORDER BY"
                + " payment_date, payment_id LIMIT 1");
        CopyBatch my = CopyBatch.over(t, key, MY.keyComparison(), List.of(new Assignment(Ident.of("b"), "a")),
                "TRUE", List.of());
        assertThat(MY.render(my)).isEqualTo("UPDATE payment SET b = a WHERE (payment_date >= :last_id_1 AND"
                + " (payment_date > :last_id_1 OR payment_id > :last_id_2)) AND (payment_date <= :next_id_1 AND"
                + " (payment_date < :next_id_1 OR payment_id <= :next_id_2)) AND TRUE");
        assertThat(my.slots()).extracting(sl -> sl.param().bare() + sl.part()).containsExactly("last_id0",
                "last_id0", "last_id1", "next_id0", "next_id0", "next_id1");
        assertThat(my.nextKey().slots()).extracting(sl -> sl.param().bare() + sl.part()).containsExactly("last_id0",
                "last_id0", "last_id1", "batch_size0");
        for (Dialect d : List.of(PG, MY)) {
            CopyBatch b = d == PG ? pg : my;
            for (BackfillStatement s : List.<BackfillStatement>of(b, b.nextKey(), b.minKey())) {
                for (KeyParameters p : List.of(KeyParameters.JDBC, KeyParameters.JDBC_FIRST)) {
                    assertThat(d.render(s, p).chars().filter(c -> c == '?').count()).as(d.render(s, p))
                            .isEqualTo(s.slots().size());
                }
            }
        }
        // three columns: the nesting goes one level deeper, each value bound where the text names it
        CopyBatch three = CopyBatch.over(t, List.of(Ident.of("a"), Ident.of("b"), Ident.of("c")),
                KeyComparison.EXPANDED, List.of(new Assignment(Ident.of("x"), "1")), "TRUE", List.of());
        assertThat(MY.render(three.nextKey())).contains("WHERE (a >= :last_id_1 AND (a > :last_id_1 OR b >= :last_id_2"
                + " AND (b > :last_id_2 OR c > :last_id_3))) ORDER BY a, b, c");
    }

    private static List<BackfillStatement> statements(Ident table, Ident key, Ident col) {
        CopyBatch copy = new CopyBatch(table, key, List.of(new Assignment(col, "1")), "TRUE");
        return List.of(copy, copy.nextKey(), copy.minKey(), CountRows.where(table, "TRUE"),
                new InsertSelectBatch(table, M, key, List.of(key, col), null, col, List.of(key, col), key,
                        InsertSelectBatch.OnConflict.UPDATE),
                new InsertSelectBatch(table, null, key, List.of(key, col), "TRUE", col, List.of(key, col), key,
                        InsertSelectBatch.OnConflict.SKIP),
                new UpdateJoinBatch(table, M, key, col, S, key, List.of(col), "TRUE"));
    }

    /** The text with every quoted identifier blanked out. */
    private static String outsideQuotes(Dialect d, String sql) {
        String identifiers = d.name().equals("postgresql") ? "\"(?:[^\"]|\"\")*\"" : "`(?:[^`]|``)*`";
        return sql.replaceAll(identifiers, "ID");
    }
}
