ALTER TABLE users ADD COLUMN token char(36) NOT NULL DEFAULT (uuid());
