SET lock_timeout = '2s';
ALTER TABLE payment ADD COLUMN store_id smallint NOT NULL DEFAULT 0;
UPDATE payment SET store_id = staff.store_id FROM staff WHERE staff.staff_id = payment.staff_id AND payment.store_id = 0;
