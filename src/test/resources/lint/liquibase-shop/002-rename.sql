--liquibase formatted sql

--changeset shop:3
SET SESSION lock_wait_timeout = 2;
ALTER TABLE customers RENAME COLUMN name TO full_name;
