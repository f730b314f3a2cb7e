-- built without blocking writes; CONCURRENTLY cannot run in a transaction (see the .conf file)
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY users_name_idx ON users (name);
