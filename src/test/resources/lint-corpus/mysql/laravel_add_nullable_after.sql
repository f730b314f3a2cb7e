alter table `users` add `two_factor_secret` text null after `password`;
