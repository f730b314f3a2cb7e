ALTER TABLE orders DROP INDEX orders_created_at_idx;
