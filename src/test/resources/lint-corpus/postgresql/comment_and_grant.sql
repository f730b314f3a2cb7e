COMMENT ON COLUMN users.email IS 'login address';
GRANT SELECT ON users TO reporting;
