SET SESSION lock_wait_timeout = 5;
drop PROCEDURE if EXISTS add_rental_uniq_inventory_date;
delimiter d//
CREATE PROCEDURE add_rental_uniq_inventory_date()
BEGIN
    IF NOT EXISTS (SELECT 1 FROM INFORMATION_SCHEMA.STATISTICS
        WHERE TABLE_NAME='rental'
        AND TABLE_SCHEMA=(SELECT DATABASE())
        AND INDEX_NAME='uniq_inventory_date')
    THEN
ALTER TABLE rental ADD UNIQUE KEY uniq_inventory_date(`inventory_id`,`rental_date`), ALGORITHM=INPLACE, LOCK=NONE;
END IF;
END;
d//
delimiter ;
CALL add_rental_uniq_inventory_date;
DROP PROCEDURE add_rental_uniq_inventory_date;
