CREATE TABLE addresses (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  line1 text NOT NULL
);
