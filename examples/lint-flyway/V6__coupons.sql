-- a new table and everything done to it in the same file: nothing to flag
SET lock_timeout = '2s';
CREATE TABLE coupons (
    id     BIGSERIAL PRIMARY KEY,
    code   VARCHAR(40) NOT NULL,
    amount INTEGER NOT NULL
);
CREATE INDEX idx_coupons_code ON coupons (code);
ALTER TABLE coupons ALTER COLUMN amount TYPE BIGINT;
