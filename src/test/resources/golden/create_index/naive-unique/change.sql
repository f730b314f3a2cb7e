CREATE UNIQUE INDEX customers_email_idx ON customers (email);
