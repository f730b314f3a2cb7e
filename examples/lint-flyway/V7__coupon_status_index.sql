-- unsafe when V6 has been applied (coupons is live by now); fine when V6 ships in the same release
SET lock_timeout = '2s';
CREATE INDEX idx_coupons_amount ON coupons (amount);
ALTER TABLE coupons ADD COLUMN note text;
