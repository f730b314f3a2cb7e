SET lock_timeout = '2s';
-- staff_id was added nullable by the previous migration; fill it from the store (a placeholder id marks old rows)
UPDATE rental SET staff_id = (SELECT manager_staff_id FROM store WHERE store.store_id = rental.store_id)
 WHERE staff_id = 0 OR staff_id IS NULL;
