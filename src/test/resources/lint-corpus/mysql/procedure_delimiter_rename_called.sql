SET SESSION lock_wait_timeout = 5;
drop procedure if exists rename_film_rating_column;
delimiter d//
CREATE PROCEDURE rename_film_rating_column()
BEGIN
    IF EXISTS (SELECT 1 FROM INFORMATION_SCHEMA.COLUMNS
        WHERE TABLE_NAME='film'
        AND TABLE_SCHEMA=(SELECT DATABASE())
        AND COLUMN_NAME='rating')
    THEN
ALTER TABLE `film` change `rating` `mpaa_rating` varchar(10) DEFAULT 'G' COMMENT 'MPAA rating';
END IF;
END;
d//
delimiter ;
CALL rename_film_rating_column;
DROP PROCEDURE rename_film_rating_column;
