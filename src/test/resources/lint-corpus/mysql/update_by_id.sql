UPDATE settings SET value = '1' WHERE id = 3;
