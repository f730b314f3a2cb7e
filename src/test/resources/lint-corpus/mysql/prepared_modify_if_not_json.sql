SET SESSION lock_wait_timeout = 5;
-- re-runnable: only change the column when it is not JSON yet
SET @stmt = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'film'
        AND table_schema = DATABASE()
        AND column_name = 'special_features'
        AND column_type != 'json'
    ) > 0,
    'ALTER TABLE film MODIFY COLUMN special_features JSON;',
    'SELECT 1'
));

PREPARE modifyIfNotJson FROM @stmt;
EXECUTE modifyIfNotJson;
DEALLOCATE PREPARE modifyIfNotJson;
