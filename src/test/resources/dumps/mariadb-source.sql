-- The schema that mariadb-no-data.sql was dumped from (see README.md).
CREATE TABLE customers (
    id          int(11) unsigned NOT NULL AUTO_INCREMENT,
    email       varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
    full_name   varchar(200) DEFAULT NULL,
    country     char(2) CHARACTER SET ascii NOT NULL DEFAULT 'NL',
    status      enum('active','blocked') NOT NULL DEFAULT 'active',
    created_at  timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  datetime DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    UNIQUE KEY uq_customers_email (email),
    KEY idx_customers_country_status (country, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='People who buy';

CREATE TABLE products (
    id          bigint(20) unsigned NOT NULL AUTO_INCREMENT,
    sku         varchar(32) NOT NULL,
    title       varchar(200) NOT NULL,
    description text,
    price       decimal(12,2) NOT NULL DEFAULT 0.00,
    stock       smallint(6) NOT NULL DEFAULT 0,
    is_active   tinyint(1) NOT NULL DEFAULT 1,
    price_cents int(11) GENERATED ALWAYS AS (price * 100) VIRTUAL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_products_sku (sku),
    FULLTEXT KEY ft_products_title (title, description),
    CONSTRAINT chk_products_price CHECK (price >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE orders (
    id          bigint(20) unsigned NOT NULL AUTO_INCREMENT,
    customer_id int(11) unsigned NOT NULL,
    total       decimal(12,2) NOT NULL,
    placed_at   datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    note        varchar(500) DEFAULT NULL COMMENT 'free text; may hold a '';'' or two',
    PRIMARY KEY (id),
    KEY idx_orders_customer (customer_id),
    CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE ON UPDATE CASCADE
) ENGINE=InnoDB AUTO_INCREMENT=1000 DEFAULT CHARSET=utf8mb4;

CREATE TABLE order_items (
    order_id    bigint(20) unsigned NOT NULL,
    line_no     smallint(5) unsigned NOT NULL,
    product_id  bigint(20) unsigned NOT NULL,
    quantity    int(11) NOT NULL DEFAULT 1,
    PRIMARY KEY (order_id, line_no),
    KEY idx_items_product_qty (product_id, quantity),
    CONSTRAINT fk_items_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
    CONSTRAINT fk_items_product FOREIGN KEY (product_id) REFERENCES products (id),
    CONSTRAINT chk_items_quantity CHECK (quantity > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE `Audit Log` (
    `Event-Id`  int(11) NOT NULL AUTO_INCREMENT,
    `Kind`      varchar(40) NOT NULL,
    payload     longtext,
    created     timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (`Event-Id`),
    KEY `idx kind prefix` (`Kind`(10))
) ENGINE=InnoDB DEFAULT CHARSET=latin1;

CREATE VIEW paid_orders AS SELECT id, customer_id, total FROM orders WHERE total > 0;
