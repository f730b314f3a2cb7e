SET SESSION lock_wait_timeout = 5;
UPDATE payment SET staff_id = (SELECT manager_staff_id FROM store WHERE store.store_id = payment.store_id)
 WHERE staff_id = 0 OR staff_id IS NULL;
