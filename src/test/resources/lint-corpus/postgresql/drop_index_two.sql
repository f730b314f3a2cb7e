DROP INDEX orders_status_idx, orders_created_at_idx;
