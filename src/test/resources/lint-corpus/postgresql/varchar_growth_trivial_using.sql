ALTER TABLE products ALTER COLUMN sku TYPE varchar(64) USING sku::varchar(64);
