ALTER TABLE order_lines ADD COLUMN total DECIMAL(12,2) AS (quantity * unit_price) STORED;
