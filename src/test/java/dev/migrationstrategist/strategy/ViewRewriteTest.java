package dev.migrationstrategist.strategy;

import dev.migrationstrategist.dialect.Dialect;
import dev.migrationstrategist.dialect.Dialects;
import dev.migrationstrategist.schema.Ident;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The view query rewrite of a column rename, on definitions shaped like what the servers print: pg_get_viewdef's
 * (every column qualified once two tables are read, casts, parenthesised joins) and MariaDB's VIEW_DEFINITION
 * (database-qualified tables, backquotes, GROUP_CONCAT ... SEPARATOR).
 */
class ViewRewriteTest {
    private static final Dialect PG = Dialects.parse("postgresql:15");
    private static final Dialect MARIADB = Dialects.parse("mariadb:10.11").inSchema("shop");

    private static Optional<String> rename(Dialect d, String query, String table, String from, String to) {
        return ViewRewrite.renameColumn(d, query, Ident.of(table), Ident.of(from), Ident.of(to));
    }

    @Test
    void everyClauseOfAJoinedViewFollowsTheRenameAndTheOutputNameStays() {
        String q = " SELECT a.actor_id,\n    a.first_name,\n    (a.first_name)::text || ' '::text AS label,\n"
                + "    count(fa.film_id) AS films\n   FROM (actor a\n     JOIN film_actor fa ON ((a.actor_id = fa.actor_id)))\n"
                + "  WHERE ((a.first_name)::text <> ''::text)\n  GROUP BY a.actor_id, a.first_name\n"
                + "  HAVING (count(*) > 0)\n  ORDER BY a.first_name;";
        String out = rename(PG, q, "actor", "first_name", "given_name").orElseThrow();
        assertThat(out).doesNotContain("a.first_name").contains("a.given_name AS first_name")
                .contains("(a.given_name)::text || ' '::text AS label").contains("GROUP BY a.actor_id, a.given_name")
                .contains("WHERE ((a.given_name)::text <> ''::text)").contains("ORDER BY a.given_name");
    }

    @Test
    void aSubqueryReadingTheTableUnderAnotherAliasIsRewrittenToo() {
        String q = "SELECT c.name, (SELECT max(f.title) FROM film f WHERE f.category_id = c.category_id) AS top"
                + " FROM category c";
        assertThat(rename(PG, q, "film", "title", "name")).hasValueSatisfying(out -> assertThat(out)
                .contains("max(f.name)").contains("SELECT c.name,"));
    }

    @Test
    void aColumnOfTheSameNameInAnotherTableIsLeftAlone() {
        String q = "SELECT f.title, c.name AS category FROM (film f JOIN category c ON ((c.category_id = f.category_id)))";
        String out = rename(PG, q, "category", "name", "label").orElseThrow();
        assertThat(out).contains("c.label AS category").contains("f.title");
        String out2 = rename(PG, "SELECT f.name, c.name AS cat FROM film f JOIN category c ON c.id = f.cid", "film",
                "name", "title").orElseThrow();
        assertThat(out2).contains("f.title AS name").contains("c.name AS cat");
    }

    @Test
    void aSingleTableViewWithBareNamesIsRewritten() {
        String out = rename(PG, "SELECT customer_id, email FROM customer WHERE active = 1 ORDER BY email", "customer",
                "email", "email_address").orElseThrow();
        assertThat(out).contains("email_address AS email").contains("ORDER BY email_address");
    }

    @Test
    void mariadbDefinitionsWithDatabaseQualifiedNames() {
        String q = "select `shop`.`film`.`film_id` AS `FID`,`shop`.`film`.`title` AS `title`,group_concat("
                + "concat(`a`.`first_name`,' ',`a`.`last_name`) separator ', ') AS `actors` from ((`shop`.`film` join"
                + " `shop`.`film_actor` `fa` on(`shop`.`film`.`film_id` = `fa`.`film_id`)) join `shop`.`actor` `a`"
                + " on(`fa`.`actor_id` = `a`.`actor_id`)) group by `shop`.`film`.`film_id`,`shop`.`film`.`title`";
        String out = rename(MARIADB, q, "film", "title", "name").orElseThrow();
        assertThat(out).contains("`shop`.`film`.name AS `title`").contains("GROUP BY `shop`.`film`.`film_id`, `shop`.`film`.name")
                .contains("SEPARATOR ', '");
        assertThat(rename(MARIADB, q, "actor", "first_name", "given_name")).hasValueSatisfying(o ->
                assertThat(o).contains("concat(`a`.given_name, ' ', `a`.`last_name`)"));
    }

    @Test
    void quotedMixedCaseNamesAreQuotedByTheDialect() {
        String out = rename(PG, "SELECT o.\"OrderNo\", o.total FROM orders o", "orders", "total", "Grand Total")
                .orElseThrow();
        assertThat(out).contains("o.\"Grand Total\" AS total");
        assertThat(rename(MARIADB, "select `o`.`total` AS `total` from `shop`.`orders` `o`", "orders", "total",
                "grand`total")).hasValueSatisfying(o -> assertThat(o).contains("`o`.`grand``total` AS `total`"));
    }

    @Test
    void whatCouldMeanSomethingElseIsRefused() {
        // a bare name while another table is read: that table may have the column too
        assertThat(rename(PG, "SELECT title, name FROM film JOIN category ON category.id = film.cid", "film", "title",
                "name2")).isEmpty();
        // USING and NATURAL joins merge columns of both tables
        assertThat(rename(PG, "SELECT f.title FROM film f JOIN film_text t USING (title)", "film", "title", "t2"))
                .isEmpty();
        assertThat(rename(PG, "SELECT f.title FROM film f NATURAL JOIN film_text t", "film", "title", "t2")).isEmpty();
        // a derived table or a CTE re-exports columns under names the rewrite cannot follow
        assertThat(rename(PG, "SELECT x.title FROM (SELECT title FROM film) x", "film", "title", "t2")).isEmpty();
        assertThat(rename(PG, "WITH x AS (SELECT title FROM film) SELECT title FROM x", "film", "title", "t2"))
                .isEmpty();
        // the same alias given to two tables in two scopes
        assertThat(rename(PG, "SELECT f.title, (SELECT max(f.name) FROM category f) FROM film f", "film", "title",
                "t2")).isEmpty();
        // t.* cannot keep its output names
        assertThat(rename(PG, "SELECT f.* FROM film f", "film", "title", "t2")).isEmpty();
        // not a query, or not parsable
        assertThat(rename(PG, "not sql at all", "film", "title", "t2")).isEmpty();
        // nothing to rewrite: the view does not read the column
        assertThat(rename(PG, "SELECT f.film_id FROM film f", "film", "title", "t2")).isEmpty();
    }

    @Test
    void aTableRenameRewritesTheTableAndTheColumnsQualifiedByItsName() {
        String q = "select `shop`.`payment`.`customer_id` AS `customer_id`,sum(`shop`.`payment`.`amount`) AS `total`,"
                + "max(`r`.`rental_date`) AS `last` from (`shop`.`payment` join `shop`.`rental` `r` on("
                + "`shop`.`payment`.`rental_id` = `r`.`rental_id`)) group by `shop`.`payment`.`customer_id`";
        String out = ViewRewrite.renameTable(MARIADB, q, Ident.of("payment"), Ident.of("payments")).orElseThrow();
        assertThat(out).doesNotContain("`payment`").contains("`shop`.payments.`amount`")
                .contains("FROM (`shop`.payments JOIN").contains("GROUP BY `shop`.payments.`customer_id`");
        String aliased = ViewRewrite.renameTable(PG, "SELECT p.amount, payment_id FROM payment p WHERE p.amount > 0",
                Ident.of("payment"), Ident.of("payments")).orElseThrow();
        assertThat(aliased).isEqualTo("SELECT p.amount, payment_id FROM payments p WHERE p.amount > 0");
    }

    @Test
    void aTableRenameIsRefusedWhereTheOldNameMeansSomethingElse() {
        // another table read under the old name
        assertThat(ViewRewrite.renameTable(PG, "SELECT payment.id FROM payment JOIN refund payment2 ON true"
                + " JOIN rental payment_x ON true", Ident.of("rental"), Ident.of("rentals"))).isPresent();
        assertThat(ViewRewrite.renameTable(PG, "SELECT r.id FROM payment r JOIN rental payment ON true",
                Ident.of("payment"), Ident.of("payments"))).isEmpty();
        // a CTE, or t.* of the table
        assertThat(ViewRewrite.renameTable(PG, "WITH x AS (SELECT * FROM payment) SELECT * FROM x",
                Ident.of("payment"), Ident.of("payments"))).isEmpty();
        assertThat(ViewRewrite.renameTable(PG, "SELECT payment.* FROM payment", Ident.of("payment"),
                Ident.of("payments"))).isEmpty();
        // a view that does not read it
        assertThat(ViewRewrite.renameTable(PG, "SELECT 1 FROM rental", Ident.of("payment"), Ident.of("payments")))
                .isEmpty();
    }
}
