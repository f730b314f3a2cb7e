-- backfill the new column
UPDATE users SET status = 'active' WHERE status IS NULL;
