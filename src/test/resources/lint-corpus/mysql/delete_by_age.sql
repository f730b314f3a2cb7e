DELETE FROM sessions WHERE last_seen < NOW() - INTERVAL 30 DAY;
