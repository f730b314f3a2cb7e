CREATE TABLE users (
  id bigint PRIMARY KEY,
  email varchar(255) NOT NULL,
  bio text,
  avatar_url varchar(500) NOT NULL DEFAULT ''
);
CREATE TABLE user_profiles (
  user_id bigint PRIMARY KEY,
  twitter varchar(100),
  CONSTRAINT user_profiles_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
