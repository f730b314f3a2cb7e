ALTER TABLE articles ADD FULLTEXT INDEX ft_body (body);
