CREATE TABLE users (
  id bigint PRIMARY KEY,
  email varchar(255) NOT NULL,
  name varchar(100)
);
CREATE UNIQUE INDEX users_email_key ON users (email);
