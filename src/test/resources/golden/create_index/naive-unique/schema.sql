CREATE TABLE customers (
  id bigint NOT NULL,
  email varchar(255),
  name varchar(255) NOT NULL,
  PRIMARY KEY (id)
);

CREATE TABLE orders (
  id bigint NOT NULL,
  customer_id bigint,
  total numeric(10,2) NOT NULL,
  status varchar(20),
  created_at timestamp NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
CREATE INDEX orders_created_at_idx ON orders (created_at);

CREATE TABLE events (
  legacy_id bigint,
  payload varchar(1000)
);
