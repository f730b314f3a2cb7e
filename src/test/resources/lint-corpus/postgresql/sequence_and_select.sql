CREATE SEQUENCE IF NOT EXISTS invoice_number_seq START 1000;
SELECT setval('invoice_number_seq', 2000);
