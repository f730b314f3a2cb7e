CREATE DOMAIN email_address AS text;
CREATE TABLE users (id bigint PRIMARY KEY, email text);
