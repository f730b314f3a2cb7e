ALTER TABLE orders ADD COLUMN region_id INT NOT NULL AFTER customer_id, ADD INDEX idx_region (region_id);
