package dev.migrationstrategist.input;

import dev.migrationstrategist.change.AddColumn;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.ChangeColumnType;
import dev.migrationstrategist.change.DropColumn;
import dev.migrationstrategist.change.DropDefault;
import dev.migrationstrategist.change.DropNotNull;
import dev.migrationstrategist.change.RenameColumn;
import dev.migrationstrategist.change.SetDefault;
import dev.migrationstrategist.change.SetNotNull;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.schema.Column;
import dev.migrationstrategist.schema.DataType;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Naive SQL and phrases for the column change kinds become the right change records. */
class ColumnChangeReaderTest {
    static final Ident USERS = Ident.of("users");

    static List<Change> pg(String sql) {
        return new SqlChangeReader(Dialects.parse("postgresql:15")).read(sql, "t.sql").stream()
                .map(ChangeRequest::change).toList();
    }

    static Change phrase(String text) {
        return new PhraseReader(Dialects.parse("postgresql:15")).read(text).change();
    }

    @Test
    void postgresAlterColumnClausesBecomeTheirChanges() {
        assertThat(pg("ALTER TABLE users ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();"))
                .containsExactly(new AddColumn(USERS, new Column(Ident.of("token"), DataType.parse("uuid"), false,
                        "gen_random_uuid()")));
        assertThat(pg("ALTER TABLE users DROP COLUMN email")).containsExactly(new DropColumn(USERS, Ident.of("email")));
        assertThat(pg("ALTER TABLE users ALTER COLUMN email SET NOT NULL"))
                .containsExactly(new SetNotNull(USERS, Ident.of("email")));
        assertThat(pg("ALTER TABLE users ALTER COLUMN email DROP NOT NULL"))
                .containsExactly(new DropNotNull(USERS, Ident.of("email")));
        assertThat(pg("ALTER TABLE users ALTER COLUMN status SET DEFAULT 'active'"))
                .containsExactly(new SetDefault(USERS, Ident.of("status"), "'active'"));
        assertThat(pg("ALTER TABLE users ALTER COLUMN status DROP DEFAULT"))
                .containsExactly(new DropDefault(USERS, Ident.of("status")));
        assertThat(pg("ALTER TABLE users ALTER COLUMN score TYPE bigint"))
                .containsExactly(new ChangeColumnType(USERS, Ident.of("score"), DataType.parse("bigint")));
        assertThat(pg("ALTER TABLE users ALTER COLUMN code TYPE integer USING code::integer"))
                .containsExactly(new ChangeColumnType(USERS, Ident.of("code"), DataType.parse("integer")));
    }

    @Test
    void mysqlAlgorithmAndLockOptionsAreNotChanges() {
        assertThat(new SqlChangeReader(Dialects.parse("mariadb:10.11"))
                .read("ALTER TABLE users DROP COLUMN email, ALGORITHM=INSTANT, LOCK=NONE;", "m.sql"))
                .extracting(ChangeRequest::change).containsExactly(new DropColumn(USERS, Ident.of("email")));
    }

    @Test
    void severalClausesInOneStatementBecomeSeveralChanges() {
        assertThat(pg("ALTER TABLE users ADD COLUMN a int, DROP COLUMN b")).hasSize(2);
    }

    @Test
    void aCustomUsingConversionAndAColumnWithAConstraintAreRefusedWithTheWayOut() {
        assertThatThrownBy(() -> pg("ALTER TABLE users ALTER COLUMN code TYPE integer USING length(code)"))
                .hasMessageContaining("t.sql:1:1").hasMessageContaining("USING");
        assertThatThrownBy(() -> pg("ALTER TABLE users ADD COLUMN code int UNIQUE"))
                .hasMessageContaining("separate changes");
    }

    @Test
    void mysqlModifyIsReadAsTheDifferencesToTheColumnInStateA() {
        var dialect = Dialects.parse("mariadb:10.11");
        Schema schema = new SchemaReader(dialect).read("CREATE TABLE users (id bigint PRIMARY KEY,"
                + " score int NOT NULL DEFAULT 0, email varchar(255));", "schema.sql");
        SqlChangeReader reader = new SqlChangeReader(dialect, schema);
        assertThat(reader.read("ALTER TABLE users MODIFY score bigint NOT NULL DEFAULT 0;", "c.sql"))
                .extracting(ChangeRequest::change)
                .containsExactly(new ChangeColumnType(USERS, Ident.of("score"), DataType.parse("bigint")));
        assertThat(reader.read("ALTER TABLE users MODIFY email varchar(255) NOT NULL DEFAULT 'none';", "c.sql"))
                .extracting(ChangeRequest::change)
                .containsExactly(new SetNotNull(USERS, Ident.of("email")),
                        new SetDefault(USERS, Ident.of("email"), "'none'"));
        assertThat(reader.read("ALTER TABLE users MODIFY score int(11) NOT NULL;", "c.sql"))
                .extracting(ChangeRequest::change).containsExactly(new DropDefault(USERS, Ident.of("score")));
        assertThatThrownBy(() -> reader.read("ALTER TABLE users MODIFY score int NOT NULL DEFAULT 0;", "c.sql"))
                .hasMessageContaining("c.sql:1:1").hasMessageContaining("nothing to plan");
    }

    /**
     * MySQL's CHANGE old new definition (the rename of MySQL before 8.0 and MariaDB before 10.5, as kratos' and
     * Rails' MySQL migrations write it): a rename carrying the type when it changes; a nullability or default change
     * comes first, on the old name.
     */
    @Test
    void mysqlChangeIsARenameWithWhatTheDefinitionChanges() {
        var dialect = Dialects.parse("mariadb:10.11");
        Schema schema = new SchemaReader(dialect).read("CREATE TABLE users (id bigint PRIMARY KEY,"
                + " score int NOT NULL DEFAULT 0, email varchar(255));", "schema.sql");
        SqlChangeReader reader = new SqlChangeReader(dialect, schema);
        Ident points = Ident.of("points");
        assertThat(reader.read("ALTER TABLE `users` CHANGE `score` `points` int NOT NULL DEFAULT 0;", "c.sql"))
                .extracting(ChangeRequest::change)
                .containsExactly(new RenameColumn(USERS, Ident.of("score"), points, null));
        assertThat(reader.read("ALTER TABLE users CHANGE score points bigint NOT NULL DEFAULT 0;", "c.sql"))
                .extracting(ChangeRequest::change)
                .containsExactly(new RenameColumn(USERS, Ident.of("score"), points, DataType.parse("bigint")));
        assertThat(reader.read("ALTER TABLE users CHANGE email mail varchar(255) NOT NULL;", "c.sql"))
                .extracting(ChangeRequest::change)
                .containsExactly(new SetNotNull(USERS, Ident.of("email")),
                        new RenameColumn(USERS, Ident.of("email"), Ident.of("mail"), null));
        // a column the schema does not have: the definition's type is all there is to judge
        assertThat(new SqlChangeReader(dialect).read("ALTER TABLE users CHANGE a b char(36) NOT NULL;", "c.sql"))
                .extracting(ChangeRequest::change)
                .containsExactly(new RenameColumn(USERS, Ident.of("a"), Ident.of("b"), DataType.parse("char(36)")));
    }

    /** PostgreSQL 15 keeps the relfilenode for ALTER COLUMN c TYPE <its own type> (measured): it changes nothing. */
    @Test
    void aPostgresTypeRestatementIsNoChange() {
        var dialect = Dialects.parse("postgresql:15");
        Schema schema = new SchemaReader(dialect).read("CREATE TABLE users (id bigint PRIMARY KEY, nid uuid NOT NULL,"
                + " ui jsonb);", "schema.sql");
        SqlChangeReader reader = new SqlChangeReader(dialect, schema);
        assertThat(reader.read("ALTER TABLE users ALTER COLUMN nid TYPE UUID, ALTER COLUMN nid DROP NOT NULL;",
                "c.sql")).extracting(ChangeRequest::change).containsExactly(new DropNotNull(USERS, Ident.of("nid")));
        assertThat(reader.read("ALTER TABLE users ALTER COLUMN ui TYPE jsonb;", "c.sql")).isEmpty();
        assertThat(reader.read("ALTER TABLE users ALTER COLUMN ui TYPE json;", "c.sql")).extracting(ChangeRequest::change)
                .containsExactly(new ChangeColumnType(USERS, Ident.of("ui"), DataType.parse("json")));
    }

    @Test
    void columnPhrasesFollowTheGrammar() {
        assertThat(phrase("add column users.nick varchar(40)"))
                .isEqualTo(new AddColumn(USERS, new Column(Ident.of("nick"), DataType.parse("varchar(40)"), true, null)));
        assertThat(phrase("add column users.token uuid not null default gen_random_uuid()"))
                .isEqualTo(new AddColumn(USERS, new Column(Ident.of("token"), DataType.parse("uuid"), false,
                        "gen_random_uuid()")));
        assertThat(phrase("add column users.seen_at timestamp with time zone default now()"))
                .isEqualTo(new AddColumn(USERS, new Column(Ident.of("seen_at"),
                        DataType.parse("timestamp with time zone"), true, "now()")));
        assertThat(phrase("drop column users.email")).isEqualTo(new DropColumn(USERS, Ident.of("email")));
        assertThat(phrase("set not null on users.email")).isEqualTo(new SetNotNull(USERS, Ident.of("email")));
        assertThat(phrase("drop not null on users.email")).isEqualTo(new DropNotNull(USERS, Ident.of("email")));
        assertThat(phrase("set default of users.status to 'it''s'"))
                .isEqualTo(new SetDefault(USERS, Ident.of("status"), "'it''s'"));
        assertThat(phrase("drop default of users.status")).isEqualTo(new DropDefault(USERS, Ident.of("status")));
        assertThat(phrase("change type of orders.total to numeric(12,2)"))
                .isEqualTo(new ChangeColumnType(Ident.of("orders"), Ident.of("total"), DataType.parse("numeric(12,2)")));
        assertThat(PhraseReader.GRAMMAR).hasSize(24); // every change kind's forms, in one list
    }

    @Test
    void aPhraseDefaultMustParseAsAnExpressionAndATypeMustBeAType() {
        assertThatThrownBy(() -> phrase("set default of users.status to 1; DROP TABLE users"))
                .hasMessageContaining("not an SQL expression");
        assertThatThrownBy(() -> phrase("change type of users.score to big int; drop"))
                .hasMessageContaining("not a column type");
    }
}
