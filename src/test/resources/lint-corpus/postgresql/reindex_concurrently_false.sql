REINDEX (CONCURRENTLY false) INDEX orders_user_id_idx;
