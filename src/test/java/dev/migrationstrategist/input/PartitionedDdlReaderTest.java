package dev.migrationstrategist.input;

import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.error.StrategistException;
import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hand-written DDL for partitioned tables and the forms the JSqlParser-based reader refused. */
class PartitionedDdlReaderTest {

    private static Schema pg(String ddl) {
        return new SchemaReader(Dialects.parse("postgresql:15")).read(ddl, "schema.sql");
    }

    private static Table table(Schema s, String name) {
        return s.table(Ident.of(name)).orElseThrow();
    }

    @Test
    void aPartitionCreatedOfItsParentTakesItsColumnsKeysAndForeignKeys() {
        Schema s = pg("""
                CREATE TABLE accounts (id bigint PRIMARY KEY);
                CREATE TABLE events (id bigint NOT NULL, account_id bigint REFERENCES accounts (id),
                    public boolean DEFAULT false, unknown int, type text, value numeric,
                    day date NOT NULL, PRIMARY KEY (id, day), CONSTRAINT events_value CHECK (value > 0))
                  PARTITION BY RANGE (day);
                CREATE TABLE events_2024 PARTITION OF events (public DEFAULT true)
                  FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                CREATE TABLE events_rest PARTITION OF events DEFAULT;
                CREATE TABLE events_old (LIKE events);
                """);
        Table parent = table(s, "events");
        assertThat(parent.partitioning().strategy()).isEqualTo("RANGE");
        assertThat(parent.partitioning().key()).isEqualTo("day");
        Table p = table(s, "events_2024");
        assertThat(p.partitioning().parent()).isEqualTo(Ident.of("events"));
        assertThat(p.partitioning().bound()).isEqualTo("FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
        assertThat(p.columns()).extracting(c -> c.name().name())
                .containsExactly("id", "account_id", "public", "unknown", "type", "value", "day");
        assertThat(p.column(Ident.of("public")).orElseThrow().defaultExpression()).isEqualTo("true");
        assertThat(p.primaryKey().orElseThrow().name()).isEqualTo(Ident.of("events_2024_pkey"));
        assertThat(p.constraints()).anyMatch(c -> c instanceof Constraint.ForeignKey)
                .anyMatch(c -> c instanceof Constraint.Check && c.name().name().equals("events_value"));
        assertThat(table(s, "events_rest").partitioning().bound()).isEqualTo("DEFAULT");
    }

    @Test
    void attachDetachAndAForeignKeyAddedToTheParentReachEveryPartition() {
        Schema s = pg("""
                CREATE TABLE accounts (id bigint PRIMARY KEY);
                CREATE TABLE orders (id bigint NOT NULL, account_id bigint, region text NOT NULL)
                  PARTITION BY LIST (region);
                CREATE TABLE orders_eu (id bigint NOT NULL, account_id bigint, region text NOT NULL);
                CREATE TABLE orders_us (id bigint NOT NULL, account_id bigint, region text NOT NULL);
                ALTER TABLE ONLY orders ATTACH PARTITION orders_eu FOR VALUES IN ('eu', 'uk');
                ALTER TABLE ONLY orders ATTACH PARTITION orders_us FOR VALUES IN ('us');
                ALTER TABLE orders ADD CONSTRAINT orders_account_fk FOREIGN KEY (account_id) REFERENCES accounts(id);
                ALTER TABLE orders DETACH PARTITION orders_us;
                ALTER TABLE ONLY accounts ADD CONSTRAINT accounts_id_key UNIQUE (id) DEFERRABLE INITIALLY DEFERRED;
                CREATE MATERIALIZED VIEW totals AS SELECT region, count(*) FROM orders GROUP BY region;
                CREATE UNIQUE INDEX totals_region ON public.totals USING btree (region);
                """);
        assertThat(table(s, "orders_eu").partitioning().bound()).isEqualTo("FOR VALUES IN ('eu', 'uk')");
        assertThat(table(s, "orders_eu").constraints()).anyMatch(c -> c.name().name().equals("orders_account_fk"));
        assertThat(table(s, "orders_us").partitioning().isPartition()).isFalse();
        assertThat(table(s, "accounts").constraints()).anyMatch(c -> c instanceof Constraint.Unique u
                && u.name().name().equals("accounts_id_key"));
        assertThat(s.hasTable(Ident.of("totals"))).isFalse();
    }

    @Test
    void mysqlPartitionClausesAndIndexesAreRead() {
        Schema s = new SchemaReader(Dialects.parse("mariadb:10.11")).read("""
                CREATE TABLE `events` (`id` bigint NOT NULL, `day` date NOT NULL, `body` text,
                  PRIMARY KEY (`id`,`day`), KEY `events_day` (`day`) USING BTREE COMMENT 'x',
                  FULLTEXT KEY `events_body` (`body`)
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
                /*!50100 PARTITION BY RANGE (year(`day`))
                (PARTITION p2024 VALUES LESS THAN (2025) ENGINE = InnoDB,
                 PARTITION pmax VALUES LESS THAN MAXVALUE ENGINE = InnoDB) */;
                """, "dump.sql");
        Table t = table(s, "events");
        assertThat(t.partitioning().strategy()).isEqualTo("RANGE");
        assertThat(t.partitioning().key()).isEqualTo("year(`day`)");
        assertThat(t.indexes()).extracting(i -> i.name().name()).containsExactly("events_day", "events_body");
    }

    @Test
    void whatAKeyDoesNotAllowIsAnErrorAtItsPosition() {
        assertThatThrownBy(() -> pg("CREATE TABLE t (a int,\n  CONSTRAINT t_a UNIQUE (a) SOMETIMES);"))
                .isInstanceOf(StrategistException.class)
                .hasMessageStartingWith("schema.sql:2:29: cannot parse SQL; unexpected \"SOMETIMES\"");
        assertThatThrownBy(() -> pg("CREATE TABLE t (a int);\nCREATE TABLE p PARTITION OF nowhere DEFAULT;"))
                .isInstanceOf(StrategistException.class)
                .hasMessageContaining("schema.sql:2:29: PARTITION OF unknown table nowhere");
    }

    @Test
    void aChangeOfPartitioningBetweenTwoStatesIsRefusedWithOneLine() {
        Schema a = pg("CREATE TABLE events (id bigint NOT NULL, day date NOT NULL);");
        Schema b = pg("CREATE TABLE events (id bigint NOT NULL, day date NOT NULL) PARTITION BY RANGE (day);");
        assertThatThrownBy(() -> SchemaDiff.diff(a, b, SchemaDiff.Hints.none()))
                .isInstanceOf(StrategistException.class)
                .hasMessage("table events: its partitioning changes (not partitioned -> partitioned by RANGE (day));"
                        + " no change kind partitions a table, attaches or detaches a partition");
        assertThat(SchemaDiff.diff(b, pg("CREATE TABLE events (id bigint NOT NULL, day date NOT NULL)"
                + " PARTITION BY RANGE (\"day\");"), SchemaDiff.Hints.none())).as("spelling aside").isEmpty();
    }
}
