package dev.migrationstrategist.rehearsal;

import dev.migrationstrategist.testing.TestDatabase;
import dev.migrationstrategist.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rehearsal on a State A shaped like pg_dump's output of pagila: tables by name (the child before its parent, the
 * foreign key added at the end), serial columns drawing from named sequences, a domain no table uses and one a
 * nullable column uses, a NOT NULL tsvector without default, a composite UNIQUE over a timestamp and a reference.
 */
class RehearsalRealSchemaTest {
    static final String PG_DUMP_SHAPED = """
            CREATE DOMAIN public."bıgınt" AS bigint;
            CREATE DOMAIN public.year AS integer CONSTRAINT year_check CHECK (((VALUE >= 1901) AND (VALUE <= 2155)));
            CREATE SEQUENCE public.film_film_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
            CREATE TABLE public.film (
                film_id integer DEFAULT nextval('public.film_film_id_seq'::regclass) NOT NULL,
                title text NOT NULL,
                release_year public.year,
                fulltext tsvector NOT NULL
            );
            CREATE SEQUENCE public.rental_rental_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
            CREATE TABLE public.rental (
                rental_id integer DEFAULT nextval('public.rental_rental_id_seq'::regclass) NOT NULL,
                rental_date timestamp with time zone NOT NULL,
                film_id integer NOT NULL,
                staff_note text
            );
            ALTER TABLE ONLY public.film ADD CONSTRAINT film_pkey PRIMARY KEY (film_id);
            ALTER TABLE ONLY public.rental ADD CONSTRAINT rental_pkey PRIMARY KEY (rental_id);
            CREATE UNIQUE INDEX idx_unq_rental_rental_date_film_id ON public.rental USING btree (rental_date, film_id);
            ALTER TABLE ONLY public.rental ADD CONSTRAINT rental_film_id_fkey FOREIGN KEY (film_id)
                REFERENCES public.film(film_id) ON UPDATE CASCADE ON DELETE RESTRICT;
            """;

    @Test
    @Tag("postgres")
    void aPgDumpShapedSchemaRehearsesToPass() {
        try (TestDatabase db = TestDatabases.postgres()) {
            // rental (the child) is listed after film here; swap them to get pg_dump's by-name order in reverse
            String childFirst = PG_DUMP_SHAPED.replace("CREATE TABLE public.film (", "CREATE TABLE public.film_ (")
                    .replaceFirst("(?s)(CREATE TABLE public\\.film_ \\(.*?\\);\\n)(.*?)(CREATE TABLE public\\.rental "
                            + "\\(.*?\\);\\n)", "$2$3$1").replace("public.film_ (", "public.film (");
            assertThat(childFirst.indexOf("TABLE public.rental")).isLessThan(childFirst.indexOf("TABLE public.film ("));
            RehearsalResult r = RehearsalRun.run(db, childFirst,
                    "CREATE INDEX CONCURRENTLY rental_staff_note_idx ON rental (staff_note);", RehearsalHook.NONE);
            RehearsalRun.assertEveryInvariantHolds(r.planSide());
            assertThat(RehearsalRun.check(r.planSide(), "final catalog equals State B")).hasValueSatisfying(i ->
                    assertThat(i.passed()).as(i.detail()).isTrue());
            assertThat(r.exitCode()).isZero();
        }
    }
}
