ALTER TABLE order_lines ADD COLUMN total numeric GENERATED ALWAYS AS (quantity * unit_price) STORED;
