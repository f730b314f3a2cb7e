-- State A for the README catalog table: one representative change per kind is planned against it
-- (src/test/resources/catalog/<kind>.txt), on a large table (no row counts given).
CREATE TABLE users (
    id         bigint NOT NULL,
    name       varchar(50) NOT NULL,
    email      varchar(255),
    score      int NOT NULL DEFAULT 0,
    legacy_code varchar(20),
    created_at timestamp NOT NULL,
    PRIMARY KEY (id)
);
CREATE TABLE orders (
    id          bigint NOT NULL,
    user_id     bigint,
    total       numeric(10,2) NOT NULL,
    status      varchar(20),
    PRIMARY KEY (id)
);
CREATE INDEX orders_status_idx ON orders (status);
CREATE TABLE events (
    legacy_id bigint NOT NULL,
    payload   varchar(200)
);
CREATE TABLE user_settings (
    user_id bigint NOT NULL,
    theme   varchar(20),
    PRIMARY KEY (user_id),
    FOREIGN KEY (user_id) REFERENCES users (id)
);
-- On MySQL/MariaDB, which have no enum types, shipments.state is an ENUM column with the same values.
CREATE TYPE shipment_state AS ENUM ('pending', 'sent', 'delivered');
CREATE TABLE shipments (
    id       bigint NOT NULL,
    order_id bigint,
    state    shipment_state NOT NULL,
    PRIMARY KEY (id)
);
-- On MySQL/MariaDB, which have no domains, order_lines.quantity has the domain's base type.
CREATE DOMAIN quantity AS integer;
CREATE TABLE order_lines (
    id       bigint NOT NULL,
    order_id bigint NOT NULL,
    quantity quantity NOT NULL,
    PRIMARY KEY (id)
);
CREATE DOMAIN line_count AS integer CONSTRAINT line_count_small CHECK (VALUE < 1000);
CREATE TABLE carts (
    id    bigint NOT NULL,
    lines line_count,
    PRIMARY KEY (id)
);
