UPDATE settings SET value = 'on' WHERE name IN ('signup_enabled', 'invites_enabled');
