TRUNCATE TABLE audit_log;
