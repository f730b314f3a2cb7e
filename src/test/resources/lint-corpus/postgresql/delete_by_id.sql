DELETE FROM feature_flags WHERE id = 42;
