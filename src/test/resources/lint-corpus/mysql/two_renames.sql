ALTER TABLE users RENAME COLUMN fname TO first_name, RENAME COLUMN lname TO last_name;
