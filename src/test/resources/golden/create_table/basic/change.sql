CREATE TABLE refunds (
  id bigint NOT NULL,
  order_id bigint NOT NULL,
  amount numeric(10,2) NOT NULL,
  reason varchar(200),
  PRIMARY KEY (id),
  CONSTRAINT refunds_amount_positive CHECK (amount > 0),
  CONSTRAINT refunds_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id)
);
