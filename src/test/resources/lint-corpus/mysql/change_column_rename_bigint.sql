ALTER TABLE `orders` CHANGE `qty` `quantity` BIGINT NOT NULL;
