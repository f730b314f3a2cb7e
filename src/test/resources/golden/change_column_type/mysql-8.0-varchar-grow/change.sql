ALTER TABLE users MODIFY name varchar(500) NOT NULL;
