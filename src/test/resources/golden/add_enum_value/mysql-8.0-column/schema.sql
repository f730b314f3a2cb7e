CREATE TABLE orders (id bigint PRIMARY KEY, status enum('new','paid') NOT NULL DEFAULT 'new');
