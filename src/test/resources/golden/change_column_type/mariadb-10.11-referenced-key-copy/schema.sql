CREATE TABLE customer (
  customer_id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,
  email VARCHAR(50),
  PRIMARY KEY (customer_id)
) ENGINE=InnoDB;
CREATE TABLE payment (
  payment_id INT NOT NULL AUTO_INCREMENT,
  customer_id SMALLINT UNSIGNED NOT NULL,
  amount DECIMAL(5,2) NOT NULL,
  payment_date DATETIME NOT NULL,
  PRIMARY KEY (payment_id),
  KEY idx_fk_customer_id (customer_id),
  CONSTRAINT fk_payment_customer FOREIGN KEY (customer_id) REFERENCES customer (customer_id)
) ENGINE=InnoDB;
CREATE TABLE refund (
  refund_id INT NOT NULL AUTO_INCREMENT,
  payment_id INT NOT NULL,
  amount DECIMAL(5,2) NOT NULL,
  PRIMARY KEY (refund_id),
  KEY idx_refund_payment (payment_id),
  CONSTRAINT fk_refund_payment FOREIGN KEY (payment_id) REFERENCES payment (payment_id)
) ENGINE=InnoDB;
