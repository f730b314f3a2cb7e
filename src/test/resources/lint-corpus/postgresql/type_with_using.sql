ALTER TABLE items ALTER COLUMN code TYPE integer USING code::integer;
