UPDATE users SET status = 'active' WHERE id BETWEEN 1 AND 10000;
