SET SESSION lock_wait_timeout = 5;
CREATE PROCEDURE MigrateOriginalLanguage () BEGIN DECLARE Column_EXIST INT;
SELECT COUNT(*)
FROM INFORMATION_SCHEMA.COLUMNS
WHERE TABLE_NAME = 'film'
  AND table_schema = DATABASE()
  AND COLUMN_NAME = 'original_language_id' INTO Column_EXIST;
IF(Column_EXIST > 0) THEN
    UPDATE film SET original_language_id = language_id WHERE original_language_id IS NULL;
END IF;
END;

CALL MigrateOriginalLanguage ();
DROP PROCEDURE IF EXISTS MigrateOriginalLanguage;
