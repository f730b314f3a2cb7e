CREATE TYPE status_t AS ENUM ('new', 'paid');
CREATE TABLE orders (id bigint PRIMARY KEY, status status_t NOT NULL);
