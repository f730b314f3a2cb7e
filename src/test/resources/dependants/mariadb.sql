-- A small rental schema shaped like sakila: ON UPDATE CURRENT_TIMESTAMP columns, views, a function and a
-- procedure, and triggers writing another table.
CREATE TABLE store (
  store_id int NOT NULL,
  name varchar(45) NOT NULL,
  last_update timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (store_id)
) ENGINE=InnoDB;

CREATE TABLE customer (
  customer_id int NOT NULL,
  store_id int NOT NULL,
  first_name varchar(45) NOT NULL,
  last_name varchar(45) NOT NULL,
  email varchar(50) DEFAULT NULL,
  phone varchar(20) DEFAULT NULL,
  loyalty_points int DEFAULT NULL,
  active tinyint NOT NULL DEFAULT 1,
  name_length int GENERATED ALWAYS AS (char_length(first_name)) VIRTUAL,
  last_update timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (customer_id),
  CONSTRAINT fk_customer_store FOREIGN KEY (store_id) REFERENCES store (store_id)
) ENGINE=InnoDB;

CREATE TABLE customer_text (
  customer_id int NOT NULL,
  full_name varchar(100) NOT NULL,
  PRIMARY KEY (customer_id)
) ENGINE=InnoDB;

CREATE VIEW customer_list AS
SELECT cu.customer_id AS id, CONCAT(cu.first_name, _utf8mb4' ', cu.last_name) AS name, s.name AS store
FROM customer AS cu JOIN store AS s ON cu.store_id = s.store_id;

CREATE VIEW active_emails AS SELECT customer_id, email FROM customer WHERE active = 1;

DELIMITER ;;
CREATE TRIGGER ins_customer AFTER INSERT ON customer FOR EACH ROW BEGIN
    INSERT INTO customer_text (customer_id, full_name) VALUES (new.customer_id, CONCAT(new.first_name, ' ', new.last_name));
END;;
CREATE FUNCTION customer_name(p_id INT) RETURNS varchar(100) READS SQL DATA
BEGIN
  DECLARE v varchar(100);
  SELECT CONCAT(first_name, ' ', last_name) INTO v FROM customer WHERE customer_id = p_id;
  RETURN v;
END;;
CREATE PROCEDURE touch_store(IN p_id INT)
BEGIN
  UPDATE store SET name = name WHERE store_id = p_id;
END;;
DELIMITER ;
