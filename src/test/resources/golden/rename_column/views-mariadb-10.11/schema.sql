-- State A: a film catalog with views over film.title, as mariadb-dump writes them.
CREATE TABLE `category` (
  `category_id` int(11) NOT NULL,
  `name` varchar(25) NOT NULL,
  PRIMARY KEY (`category_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE `film` (
  `film_id` int(11) NOT NULL,
  `title` varchar(255) NOT NULL,
  `category_id` int(11) NOT NULL,
  PRIMARY KEY (`film_id`),
  KEY `fk_film_category` (`category_id`),
  CONSTRAINT `fk_film_category` FOREIGN KEY (`category_id`) REFERENCES `category` (`category_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE ALGORITHM=UNDEFINED SQL SECURITY INVOKER VIEW `film_list` AS select `f`.`film_id` AS `fid`,`f`.`title` AS `title`,`c`.`name` AS `category` from (`film` `f` join `category` `c` on(`c`.`category_id` = `f`.`category_id`));

CREATE VIEW `g_titles` AS select `film`.`film_id` AS `film_id`,`film`.`title` AS `title` from `film` order by `film`.`title`;
