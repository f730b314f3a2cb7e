-- State A: a film catalog with views over film.title, as pg_dump writes them (qualified once two tables are read).
CREATE TABLE category (
    category_id integer PRIMARY KEY,
    name character varying(25) NOT NULL
);

CREATE TABLE film (
    film_id integer PRIMARY KEY,
    title character varying(255) NOT NULL,
    category_id integer NOT NULL REFERENCES category (category_id)
);

CREATE VIEW film_list AS
 SELECT f.film_id AS fid,
    f.title,
    c.name AS category
   FROM (film f
     JOIN category c ON ((c.category_id = f.category_id)));

CREATE VIEW top_titles WITH (security_barrier = true) AS
 SELECT c.name AS category,
    max((f.title)::text) AS last_title
   FROM (film f
     JOIN category c ON ((c.category_id = f.category_id)))
  GROUP BY c.name
  ORDER BY (max((f.title)::text));
