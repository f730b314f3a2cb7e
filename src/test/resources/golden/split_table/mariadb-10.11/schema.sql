CREATE TABLE users (
  id bigint PRIMARY KEY,
  email varchar(255) NOT NULL,
  bio text,
  avatar_url varchar(500) NOT NULL DEFAULT ''
);
