ALTER TABLE invoices_legacy ALTER COLUMN amount TYPE numeric(12,2);
