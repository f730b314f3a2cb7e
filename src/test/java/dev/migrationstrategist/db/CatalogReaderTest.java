package dev.migrationstrategist.db;

import dev.migrationstrategist.schema.Constraint;
import dev.migrationstrategist.schema.Ident;
import dev.migrationstrategist.schema.Index;
import dev.migrationstrategist.schema.Schema;
import dev.migrationstrategist.schema.Table;
import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogReaderTest {

    @Test
    @Tag("postgres")
    void readsPostgresColumnsConstraintsValidityAndIndexes() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            db.execute("CREATE TABLE p (id bigint PRIMARY KEY)",
                    "CREATE TABLE t (id bigint PRIMARY KEY, name varchar(20) NOT NULL DEFAULT 'x', qty int,"
                            + " pid bigint, CONSTRAINT t_name_key UNIQUE (name))",
                    "ALTER TABLE t ADD CONSTRAINT t_qty_check CHECK (qty > 0) NOT VALID",
                    "ALTER TABLE t ADD CONSTRAINT t_pid_fkey FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE"
                            + " NOT VALID",
                    "CREATE INDEX t_qty_idx ON t (qty) WHERE qty > 10",
                    "CREATE INDEX t_lower_idx ON t (lower(name))");
            Schema s = CatalogReader.read(db.connection(), db.scope());
            Table t = s.table(Ident.of("t")).orElseThrow();
            assertThat(s.tables()).extracting(x -> x.name().name()).containsExactly("p", "t");
            assertThat(t.columns()).extracting(c -> c.name().name()).containsExactly("id", "name", "qty", "pid");
            var name = t.column(Ident.of("name")).orElseThrow();
            assertThat(name.type().sql()).isEqualTo("character varying(20)");
            assertThat(name.nullable()).isFalse();
            assertThat(CatalogNormalizer.defaultExpression(name.defaultExpression())).isEqualTo("'x'");
            assertThat(t.primaryKey().orElseThrow().columns()).containsExactly(Ident.of("id"));
            assertThat(t.constraints()).anySatisfy(c -> assertThat(c).isEqualTo(
                    new Constraint.Unique(Ident.of("t_name_key"), java.util.List.of(Ident.of("name")))));
            Constraint.Check check = (Constraint.Check) t.constraints().stream()
                    .filter(Constraint.Check.class::isInstance).findFirst().orElseThrow();
            assertThat(check.valid()).isFalse();
            assertThat(check.columns()).containsExactly(Ident.of("qty"));
            Constraint.ForeignKey fk = (Constraint.ForeignKey) t.constraints().stream()
                    .filter(Constraint.ForeignKey.class::isInstance).findFirst().orElseThrow();
            assertThat(fk.valid()).isFalse();
            assertThat(fk.referencedTable()).isEqualTo(Ident.of("p"));
            assertThat(fk.onDelete()).isEqualTo("CASCADE");
            // the unique constraint's own index is not listed as an index (the constraint stands for it)
            assertThat(t.indexes()).extracting(i -> i.name().name()).containsExactly("t_lower_idx", "t_qty_idx");
            Index partial = t.indexes().get(1);
            assertThat(partial.where()).isEqualTo("qty > 10"); // unwrapped, as the DDL reader keeps a predicate
            // an expression index: the column its expression uses, and the expression as the server deparses it
            assertThat(t.indexes().get(0).columns()).containsExactly(Ident.of("name"));
            assertThat(t.indexes().get(0).keys()).extracting(k -> k.expression())
                    .containsExactly("lower((name)::text)");
        }
    }

    @Test
    @Tag("mariadb")
    void readsMariaDbColumnsKeysAndIndexes() throws Exception {
        try (TestDatabase db = TestDatabases.mariadb()) {
            db.execute("CREATE TABLE p (id bigint PRIMARY KEY)",
                    "CREATE TABLE t (id bigint PRIMARY KEY, name varchar(20) NOT NULL DEFAULT 'x', qty int,"
                            + " pid bigint, UNIQUE KEY t_name_key (name, qty),"
                            + " CONSTRAINT t_qty_check CHECK (qty > 0),"
                            + " CONSTRAINT t_pid_fk FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE)");
            Table t = CatalogReader.read(db.connection(), db.scope()).table(Ident.of("t")).orElseThrow();
            var name = t.column(Ident.of("name")).orElseThrow();
            assertThat(CatalogNormalizer.type(name.type().sql())).isEqualTo("varchar(20)");
            assertThat(name.nullable()).isFalse();
            assertThat(CatalogNormalizer.defaultExpression(name.defaultExpression())).isEqualTo("'x'");
            assertThat(CatalogNormalizer.defaultExpression(t.column(Ident.of("qty")).orElseThrow()
                    .defaultExpression())).isNull();
            assertThat(t.indexes()).anySatisfy(i -> {
                assertThat(i.name()).isEqualTo(Ident.of("t_name_key"));
                assertThat(i.unique()).isTrue();
                assertThat(i.columns()).containsExactly(Ident.of("name"), Ident.of("qty"));
            });
            // the index MariaDB built for the foreign key, named after it
            assertThat(t.indexes()).anySatisfy(i -> assertThat(i.name()).isEqualTo(Ident.of("t_pid_fk")));
            Constraint.ForeignKey fk = (Constraint.ForeignKey) t.constraints().stream()
                    .filter(Constraint.ForeignKey.class::isInstance).findFirst().orElseThrow();
            assertThat(fk.onDelete()).isEqualTo("CASCADE");
            assertThat(fk.referencedColumns()).containsExactly(Ident.of("id"));
            assertThat(t.constraints()).anySatisfy(c -> {
                assertThat(c).isInstanceOf(Constraint.Check.class);
                assertThat(c.columns()).containsExactly(Ident.of("qty"));
            });
        }
    }
}
