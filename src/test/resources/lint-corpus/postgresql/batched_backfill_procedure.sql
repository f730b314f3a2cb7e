-- A backfill written as a procedure that commits per keyset batch (how teams copy a column without one huge UPDATE).
CREATE OR REPLACE PROCEDURE backfill_rental_notes()
LANGUAGE plpgsql AS $$
DECLARE
    v_last_id bigint := 0;
    v_next_id bigint;
BEGIN
    LOOP
        SELECT max(rental_id) INTO v_next_id
          FROM (SELECT rental_id FROM rental WHERE rental_id > v_last_id ORDER BY rental_id LIMIT 5000) AS b;
        EXIT WHEN v_next_id IS NULL;
        UPDATE rental SET notes_text = notes WHERE rental_id > v_last_id AND rental_id <= v_next_id;
        COMMIT;
        v_last_id := v_next_id;
    END LOOP;
END $$;

CALL backfill_rental_notes();
