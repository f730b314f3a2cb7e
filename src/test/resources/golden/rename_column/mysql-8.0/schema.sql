-- State A of the seed example: a users table whose name column we want to call full_name.
CREATE TABLE users (
    id         BIGINT PRIMARY KEY,
    name       VARCHAR(255),
    email      VARCHAR(255) NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE UNIQUE INDEX users_email_key ON users (email);
