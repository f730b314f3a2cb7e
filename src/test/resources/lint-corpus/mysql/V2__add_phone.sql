ALTER TABLE `user` ADD COLUMN `phone` varchar(32) DEFAULT NULL;
