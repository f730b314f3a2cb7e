-- The naive change: instant on the server, but it breaks every app instance still reading `name`.
ALTER TABLE users RENAME COLUMN name TO full_name;
