SET lock_timeout = '2s';
CREATE OR REPLACE FUNCTION film_touch_last_update() RETURNS trigger AS $$
BEGIN
    UPDATE film SET last_update = now() WHERE film_id = NEW.film_id;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
