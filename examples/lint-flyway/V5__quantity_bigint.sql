-- unsafe on a live table: integer -> bigint rewrites orders under ACCESS EXCLUSIVE (no reads, no writes)
SET lock_timeout = '2s';
ALTER TABLE orders ALTER COLUMN quantity TYPE BIGINT;
