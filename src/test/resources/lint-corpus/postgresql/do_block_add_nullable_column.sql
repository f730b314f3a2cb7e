SET lock_timeout = '2s';
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_name = 'customer' AND column_name = 'nickname') THEN
        ALTER TABLE customer ADD COLUMN nickname text;
    END IF;
END $$;
