package dev.migrationstrategist.db;

import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.schema.Ident;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which MySQL/MariaDB statements apply can check against the catalog, and what it reads out of them. */
class DdlShapeTest {
    private static final Dialect MARIADB = Dialects.parse("mariadb:10.11");

    @Test
    void theSwapWindowsStatementsAreRecognised() {
        assertThat(DdlShape.of("ALTER TABLE users RENAME COLUMN score TO score_old, RENAME COLUMN `score_new` TO"
                + " score, ALGORITHM=INSTANT, LOCK=NONE;", MARIADB)).contains(new DdlShape.RenameColumns(
                Ident.of("users"), List.of(new DdlShape.Rename(Ident.of("score"), Ident.of("score_old")),
                        new DdlShape.Rename(Ident.of("score_new"), Ident.of("score")))));
        assertThat(DdlShape.of("ALTER TABLE users ALTER COLUMN score_old DROP DEFAULT, ALTER COLUMN status SET"
                + " DEFAULT 'a, b', ALGORITHM=INSTANT, LOCK=NONE;", MARIADB)).contains(new DdlShape.ColumnDefaults(
                Ident.of("users"), List.of(new DdlShape.DefaultChange(Ident.of("score_old"), null),
                        new DdlShape.DefaultChange(Ident.of("status"), "'a, b'"))));
        assertThat(DdlShape.of("CREATE TRIGGER t_ins BEFORE INSERT ON users FOR EACH ROW\nBEGIN\n  SET NEW.a = 1;\n"
                + "END;", MARIADB)).contains(new DdlShape.CreateTrigger(Ident.of("t_ins"), "BEFORE", "INSERT",
                Ident.of("users"), "BEGIN\n  SET NEW.a = 1;\nEND"));
        assertThat(DdlShape.of("DROP TRIGGER IF EXISTS `t_ins`;", MARIADB))
                .contains(new DdlShape.DropTrigger(Ident.of("t_ins")));
    }

    @Test
    void anythingElseRunsAsWritten() {
        assertThat(DdlShape.of("ALTER TABLE app.users RENAME COLUMN a TO b;", MARIADB)).isEmpty();
        assertThat(DdlShape.of("ALTER TABLE users RENAME COLUMN a TO b, ADD COLUMN c int;", MARIADB)).isEmpty();
        assertThat(DdlShape.of("ALTER TABLE users RENAME COLUMN a TO b, ALTER COLUMN b SET DEFAULT 1;", MARIADB))
                .isEmpty();
        assertThat(DdlShape.of("ALTER TABLE users ADD COLUMN a int, ALGORITHM=INSTANT;", MARIADB)).isEmpty();
        assertThat(DdlShape.of("LOCK TABLES users WRITE;", MARIADB)).isEmpty();
        assertThat(DdlShape.of("CREATE DEFINER=root TRIGGER t BEFORE INSERT ON users FOR EACH ROW SET NEW.a = 1",
                MARIADB)).isEmpty();
    }
}
