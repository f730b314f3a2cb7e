ALTER TABLE orders ADD COLUMN coupon_id INT NULL, ADD CONSTRAINT fk_coupon FOREIGN KEY (coupon_id) REFERENCES coupons (id);
