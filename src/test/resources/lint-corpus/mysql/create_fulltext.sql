CREATE FULLTEXT INDEX ft_title ON posts (title);
