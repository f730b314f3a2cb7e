-- safe: a nullable column without default is a catalog change (ACCESS EXCLUSIVE for milliseconds, lock timeout set)
SET lock_timeout = '2s';
ALTER TABLE customers ADD COLUMN phone VARCHAR(20);
