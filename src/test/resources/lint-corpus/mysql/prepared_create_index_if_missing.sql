SET SESSION lock_wait_timeout = 5;
SET @stmt = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.STATISTICS
        WHERE table_name = 'rental'
        AND table_schema = DATABASE()
        AND index_name = 'idx_rental_return_date'
    ) > 0,
    'SELECT 1',
    'CREATE INDEX idx_rental_return_date ON rental(return_date, rental_id) LOCK=NONE;'
));

PREPARE createIndexIfMissing FROM @stmt;
EXECUTE createIndexIfMissing;
DEALLOCATE PREPARE createIndexIfMissing;
