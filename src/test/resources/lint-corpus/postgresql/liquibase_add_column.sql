--liquibase formatted sql

--changeset alice:42
ALTER TABLE users ADD COLUMN middle_name varchar(100);
--rollback ALTER TABLE users DROP COLUMN middle_name;
