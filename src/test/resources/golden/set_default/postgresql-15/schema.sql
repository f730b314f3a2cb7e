CREATE TABLE users (
  id bigint PRIMARY KEY,
  name varchar(255) NOT NULL,
  email text,
  status varchar(20) NOT NULL DEFAULT 'active',
  score int NOT NULL DEFAULT 0,
  total numeric(10,2),
  created_at timestamp NOT NULL
);
CREATE INDEX users_score_idx ON users (score);
