ALTER TABLE products ADD COLUMN weight_kg numeric CHECK (weight_kg > 0);
