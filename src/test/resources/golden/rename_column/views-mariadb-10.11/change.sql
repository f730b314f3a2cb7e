-- The naive change: breaks every app instance still reading title, and the views that read it.
ALTER TABLE film RENAME COLUMN title TO name;
