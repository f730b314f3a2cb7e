CREATE TABLE invoices (
  id bigserial PRIMARY KEY,
  customer_id bigint NOT NULL,
  total numeric(12,2) NOT NULL DEFAULT 0
);
CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);
CREATE INDEX ON invoices (lower(total::text));
