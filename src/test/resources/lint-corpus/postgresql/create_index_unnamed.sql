CREATE INDEX ON orders (customer_id);
