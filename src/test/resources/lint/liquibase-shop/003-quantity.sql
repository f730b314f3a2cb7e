--liquibase formatted sql

--changeset shop:4
SET SESSION lock_wait_timeout = 2;
ALTER TABLE orders MODIFY quantity BIGINT NOT NULL;
