package dev.migrationstrategist.input;

import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.change.AddCheck;
import dev.migrationstrategist.change.AddForeignKey;
import dev.migrationstrategist.change.AddPrimaryKey;
import dev.migrationstrategist.change.AddUnique;
import dev.migrationstrategist.change.Change;
import dev.migrationstrategist.change.CreateIndex;
import dev.migrationstrategist.change.CreateTable;
import dev.migrationstrategist.change.DropIndex;
import dev.migrationstrategist.change.DropTable;
import dev.migrationstrategist.change.RenameTable;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.schema.Ident;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectStatementsTest {
    private final SqlChangeReader pg = new SqlChangeReader(Dialects.parse("postgresql:15"));
    private final SqlChangeReader maria = new SqlChangeReader(Dialects.parse("mariadb:10.11"));

    private static Change one(SqlChangeReader reader, String sql) {
        List<ChangeRequest> r = reader.read(sql, "t.sql");
        assertThat(r).hasSize(1);
        return r.get(0).change();
    }

    private static List<Ident> ids(String... names) {
        return java.util.Arrays.stream(names).map(Ident::of).toList();
    }

    @Test
    void jsqlParserCannotReadTheseFormsSoTheyAreReadByHand() {
        for (String sql : List.of("ALTER TABLE orders ADD CHECK (total >= 0)",
                "CREATE INDEX CONCURRENTLY ix ON orders (status)", "DROP INDEX CONCURRENTLY IF EXISTS ix")) {
            assertThatThrownBy(() -> CCJSqlParserUtil.parse(sql)).as(sql).isInstanceOf(JSQLParserException.class);
        }
        assertThat(one(pg, "ALTER TABLE orders ADD CHECK (total >= 0);"))
                .isEqualTo(new AddCheck(Ident.of("orders"), null, "total >= 0"));
        assertThat(one(pg, "CREATE INDEX CONCURRENTLY ix ON orders (status);"))
                .isEqualTo(new CreateIndex(Ident.of("orders"), Ident.of("ix"), ids("status"), false, null, true));
        assertThat(one(pg, "DROP INDEX CONCURRENTLY IF EXISTS ix;"))
                .isEqualTo(new DropIndex(null, Ident.of("ix"), true));
    }

    @Test
    void readsEveryConstraintForm() {
        assertThat(one(pg, "ALTER TABLE orders ADD CONSTRAINT pos CHECK (total >= 0) NOT VALID;"))
                .isEqualTo(new AddCheck(Ident.of("orders"), Ident.of("pos"), "total >= 0", true));
        assertThat(one(pg, "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers (id)"
                + " ON DELETE CASCADE;")).isEqualTo(new AddForeignKey(Ident.of("orders"), Ident.of("fk"),
                ids("customer_id"), Ident.of("customers"), ids("id"), "CASCADE", null));
        assertThat(one(maria, "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id)"
                + " ON DELETE SET NULL;")).isEqualTo(new AddForeignKey(Ident.of("orders"), null, ids("customer_id"),
                Ident.of("customers"), ids("id"), "SET NULL", null));
        assertThat(one(pg, "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);"))
                .isEqualTo(new AddUnique(Ident.of("users"), Ident.of("users_email_key"), ids("email")));
        assertThat(one(maria, "ALTER TABLE users ADD UNIQUE INDEX ux (email, org);"))
                .isEqualTo(new AddUnique(Ident.of("users"), Ident.of("ux"), ids("email", "org")));
        assertThat(one(pg, "ALTER TABLE events ADD PRIMARY KEY (legacy_id);"))
                .isEqualTo(new AddPrimaryKey(Ident.of("events"), null, ids("legacy_id")));
        assertThat(one(pg, "ALTER TABLE events ADD CONSTRAINT events_pk PRIMARY KEY (legacy_id);"))
                .isEqualTo(new AddPrimaryKey(Ident.of("events"), Ident.of("events_pk"), ids("legacy_id")));
    }

    @Test
    void readsEveryIndexAndTableForm() {
        assertThat(one(pg, "CREATE UNIQUE INDEX ux ON users USING btree (email);"))
                .isEqualTo(new CreateIndex(Ident.of("users"), Ident.of("ux"), ids("email"), true, "btree", false));
        assertThat(one(maria, "ALTER TABLE orders ADD INDEX ix (status);"))
                .isEqualTo(new CreateIndex(Ident.of("orders"), Ident.of("ix"), ids("status"), false, null, true));
        assertThat(one(pg, "DROP INDEX ix;")).isEqualTo(new DropIndex(null, Ident.of("ix"), false));
        assertThat(one(maria, "DROP INDEX ix ON orders;"))
                .isEqualTo(new DropIndex(Ident.of("orders"), Ident.of("ix"), false));
        assertThat(one(maria, "ALTER TABLE orders DROP INDEX ix;"))
                .isEqualTo(new DropIndex(Ident.of("orders"), Ident.of("ix"), true));
        assertThat(one(pg, "DROP TABLE events;")).isEqualTo(new DropTable(Ident.of("events")));
        assertThat(one(pg, "ALTER TABLE orders RENAME TO purchases;"))
                .isEqualTo(new RenameTable(Ident.of("orders"), Ident.of("purchases")));
        assertThat(one(maria, "RENAME TABLE orders TO purchases;"))
                .isEqualTo(new RenameTable(Ident.of("orders"), Ident.of("purchases")));
        CreateTable ct = (CreateTable) one(pg, "CREATE TABLE refunds (id bigint PRIMARY KEY, amount numeric(10,2)"
                + " NOT NULL);");
        assertThat(ct.definition().columns()).hasSize(2);
        assertThat(ct.definition().primaryKey()).isPresent();
    }

    @Test
    void refusesWhatItCannotPlanFaithfullyWithOneLine() {
        assertThatThrownBy(() -> pg.read("CREATE INDEX ix ON users (lower(email));", "t.sql"))
                .isInstanceOf(StrategistException.class).hasMessageStartingWith("t.sql:1:1: CREATE INDEX ix on users:"
                        + " an index on expressions only needs the table in State A");
        assertThatThrownBy(() -> pg.read("DROP TABLE events CASCADE;", "t.sql"))
                .hasMessageContaining("CASCADE drops the views and foreign keys");
        assertThatThrownBy(() -> pg.read("DROP INDEX ix CASCADE;", "t.sql"))
                .hasMessageContaining("drop those explicitly");
        assertThatThrownBy(() -> maria.read("CREATE TABLE t (id bigint AUTO_INCREMENT PRIMARY KEY);", "t.sql"))
                .hasMessageContaining("AUTO_INCREMENT, GENERATED and IDENTITY columns are not modelled yet");
        assertThatThrownBy(() -> pg.read("ALTER TABLE t ADD CHECK (total >= AND);", "t.sql"))
                .hasMessageContaining("not an expression this version can read");
    }
}
