ALTER TABLE users MODIFY status varchar(20) NULL DEFAULT 'active';
