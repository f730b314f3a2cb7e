CREATE TABLE users (
  id bigint PRIMARY KEY,
  name varchar(255) NOT NULL,
  email varchar(255),
  status varchar(20) NOT NULL DEFAULT 'active',
  score int NOT NULL DEFAULT 0,
  total decimal(10,2),
  created_at datetime NOT NULL,
  KEY users_score_idx (score)
);
