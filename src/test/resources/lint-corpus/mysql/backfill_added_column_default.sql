SET SESSION lock_wait_timeout = 5;
ALTER TABLE payment ADD COLUMN store_id TINYINT UNSIGNED NOT NULL DEFAULT 0, ALGORITHM=INSTANT;
UPDATE payment SET store_id = COALESCE((SELECT store_id FROM staff WHERE staff.staff_id = payment.staff_id), 0)
 WHERE store_id = 0;
