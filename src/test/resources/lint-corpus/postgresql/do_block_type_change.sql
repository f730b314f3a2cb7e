SET lock_timeout = '2s';
DO $$
DECLARE
    column_exist boolean := false;
BEGIN
SELECT count(*) != 0 INTO column_exist
    FROM information_schema.columns
    WHERE table_name = 'customer'
    AND table_schema = current_schema()
    AND column_name = 'preferences'
    AND data_type != 'jsonb';
IF column_exist THEN
    ALTER TABLE customer ALTER COLUMN preferences TYPE jsonb USING preferences::jsonb;
END IF;
END $$;
