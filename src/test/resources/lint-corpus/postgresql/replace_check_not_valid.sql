SET lock_timeout = '2s';
ALTER TABLE orders
  DROP CONSTRAINT IF EXISTS orders_qty_check,
  ADD CONSTRAINT orders_qty_check CHECK (qty > 0) NOT VALID;
