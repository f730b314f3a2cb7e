-- retire the denormalised caches: the views that read them are rebuilt from the base tables below
SET lock_timeout = '2s';
DROP TABLE IF EXISTS film_stats_cache, actor_stats_cache, store_stats_cache CASCADE;
