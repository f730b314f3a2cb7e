SET SESSION lock_wait_timeout = 5;
SET @stmt = (SELECT IF(
    EXISTS(
        SELECT 1 FROM INFORMATION_SCHEMA.COLUMNS
        WHERE table_name = 'customer'
        AND table_schema = DATABASE()
        AND column_name = 'legacy_ref'
    ),
    'ALTER TABLE customer DROP COLUMN legacy_ref, ALGORITHM=INSTANT',
    'SELECT 1;'
));

PREPARE dropIfExists FROM @stmt;
EXECUTE dropIfExists;
DEALLOCATE PREPARE dropIfExists;
