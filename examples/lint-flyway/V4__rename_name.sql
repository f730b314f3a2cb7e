-- unsafe on a live table: the running application still reads customers.name
SET lock_timeout = '2s';
ALTER TABLE customers RENAME COLUMN name TO full_name;
