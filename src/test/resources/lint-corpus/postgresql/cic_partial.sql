CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_open_idx ON orders (created_at) WHERE deleted_at IS NULL;
