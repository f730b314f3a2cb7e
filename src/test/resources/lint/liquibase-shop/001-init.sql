--liquibase formatted sql

--changeset shop:1
CREATE TABLE customers (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    email VARCHAR(255) NOT NULL,
    name VARCHAR(100)
) ENGINE=InnoDB;

--changeset shop:2
CREATE TABLE orders (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    quantity INT NOT NULL
) ENGINE=InnoDB;
