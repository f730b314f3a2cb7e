SET lock_timeout = '2s';
UPDATE customer SET active = 0 WHERE customer_id = 341 OR customer_id = 342;
