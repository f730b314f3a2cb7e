CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_created ON orders (created_at);
