SET SESSION lock_wait_timeout = 5;
DROP TABLE IF EXISTS staff_tmp, film_text_old;
