-- users.name is varchar(255)
ALTER TABLE users ALTER COLUMN name TYPE varchar(500);
