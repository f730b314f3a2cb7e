SET SESSION lock_wait_timeout = 5;
ALTER TABLE `film_text` RENAME AS `film_text_legacy`;
