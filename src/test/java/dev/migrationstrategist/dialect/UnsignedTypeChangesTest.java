package dev.migrationstrategist.dialect;

import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** MySQL/MariaDB UNSIGNED integers: their ranges, which changes widen them, and the queries that count what does not fit. */
class UnsignedTypeChangesTest {
    private static final Dialect MARIADB = Dialects.parse("mariadb:10.11");

    private static DataType t(String text) {
        return DataType.parse(text);
    }

    @Test
    void rangesOfEveryUnsignedWidth() {
        assertThat(TypeChanges.minimum(t("tinyint unsigned"))).isEqualTo(BigInteger.ZERO);
        assertThat(TypeChanges.maximum(t("tinyint unsigned"))).isEqualTo(BigInteger.valueOf(255));
        assertThat(TypeChanges.maximum(t("SMALLINT UNSIGNED"))).isEqualTo(BigInteger.valueOf(65535));
        assertThat(TypeChanges.maximum(t("mediumint(8) unsigned"))).isEqualTo(BigInteger.valueOf(16777215));
        assertThat(TypeChanges.maximum(t("int(10) unsigned"))).isEqualTo(BigInteger.valueOf(4294967295L));
        assertThat(TypeChanges.maximum(t("bigint unsigned"))).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(TypeChanges.maximum(t("int unsigned zerofill"))).isEqualTo(BigInteger.valueOf(4294967295L));
        assertThat(TypeChanges.minimum(t("smallint"))).isEqualTo(BigInteger.valueOf(-32768));
        assertThat(TypeChanges.maximum(t("smallint"))).isEqualTo(BigInteger.valueOf(32767));
        assertThat(TypeChanges.family(t("smallint(5) unsigned"))).isEqualTo(TypeChanges.Family.INTEGER);
        assertThat(TypeChanges.unsigned(t("int(10) unsigned"))).isTrue();
        assertThat(TypeChanges.unsigned(t("int"))).isFalse();
    }

    @Test
    void sameTypeKeepsTheSignButNotTheDisplayWidth() {
        assertThat(TypeChanges.same(t("int(10) unsigned"), t("INT UNSIGNED"))).isTrue();
        assertThat(TypeChanges.same(t("int unsigned"), t("int"))).isFalse();
        assertThat(TypeChanges.same(t("smallint unsigned"), t("int unsigned"))).isFalse();
    }

    @Test
    void wideningKeepsEveryValue() {
        assertThat(TypeChanges.lossReason(t("smallint(5) unsigned"), t("int unsigned"))).isEmpty();
        assertThat(TypeChanges.lossReason(t("int unsigned"), t("bigint unsigned"))).isEmpty();
        assertThat(TypeChanges.lossReason(t("smallint unsigned"), t("int"))).isEmpty(); // 65535 fits int
        assertThat(TypeChanges.lossReason(t("int unsigned"), t("bigint"))).isEmpty();
        assertThat(TypeChanges.checkQuery(MARIADB, "`payment`", "`payment_id`", t("smallint unsigned"),
                t("int unsigned"))).isNull();
    }

    @Test
    void signChangesAndNarrowingAreLossyOnTheSideTheyCross() {
        assertThat(TypeChanges.lossReason(t("int"), t("bigint unsigned")))
                .hasValueSatisfying(r -> assertThat(r).contains("0..18446744073709551615"));
        assertThat(TypeChanges.checkQuery(MARIADB, "`t`", "`c`", t("int"), t("bigint unsigned")))
                .isEqualTo("SELECT count(*) FROM `t` WHERE `c` < 0;");
        assertThat(TypeChanges.lossReason(t("int unsigned"), t("int"))).isPresent();
        assertThat(TypeChanges.checkQuery(MARIADB, "`t`", "`c`", t("int unsigned"), t("int")))
                .isEqualTo("SELECT count(*) FROM `t` WHERE `c` > 2147483647;");
        assertThat(TypeChanges.checkQuery(MARIADB, "`t`", "`c`", t("int"), t("smallint unsigned")))
                .isEqualTo("SELECT count(*) FROM `t` WHERE `c` < 0 OR `c` > 65535;");
        assertThat(TypeChanges.convertGuarded(MARIADB, "NEW.`c`", t("bigint unsigned"), t("int unsigned")))
                .isEqualTo("CASE WHEN NEW.`c` BETWEEN 0 AND 4294967295 THEN NEW.`c` END");
        assertThat(TypeChanges.lossyBack(t("smallint unsigned"), t("int unsigned"))).isTrue();
    }

    @Test
    void theCheckQueriesCountExactlyTheRowsThatDoNotFitOnMariaDb() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            db.execute("CREATE TABLE u (id INT PRIMARY KEY, s INT, big BIGINT UNSIGNED)",
                    "INSERT INTO u VALUES (1, -5, 18446744073709551615), (2, 0, 4294967296), (3, 70000, 7),"
                            + " (4, NULL, NULL)");
            assertThat(count(db, TypeChanges.checkQuery(MARIADB, "u", "s", t("int"), t("smallint unsigned"))))
                    .isEqualTo(2); // -5 and 70000
            assertThat(count(db, TypeChanges.checkQuery(MARIADB, "u", "s", t("int"), t("int unsigned"))))
                    .isEqualTo(1);
            assertThat(count(db, TypeChanges.checkQuery(MARIADB, "u", "big", t("bigint unsigned"),
                    t("int unsigned")))).isEqualTo(2);
            assertThat(count(db, TypeChanges.checkQuery(MARIADB, "u", "big", t("bigint unsigned"), t("bigint"))))
                    .isEqualTo(1);
        }
    }

    private static long count(TestDatabase db, String sql) throws Exception {
        try (Statement st = db.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
