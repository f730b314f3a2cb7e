CREATE DOMAIN quantity AS integer NOT NULL CONSTRAINT quantity_bounded CHECK (VALUE < 1000000);
CREATE TABLE orders (id bigint PRIMARY KEY, quantity quantity);
CREATE TABLE order_lines (id bigint PRIMARY KEY, order_id bigint NOT NULL, quantity quantity);
