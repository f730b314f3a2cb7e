ALTER TABLE users ADD COLUMN external_ref text UNIQUE;
