-- unsafe on a live table: a validated foreign key scans orders under SHARE ROW EXCLUSIVE (writes wait)
SET lock_timeout = '2s';
ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id);
