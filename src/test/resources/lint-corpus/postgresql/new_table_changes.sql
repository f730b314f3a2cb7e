CREATE TABLE tags (id bigint PRIMARY KEY, name text);
ALTER TABLE tags ADD COLUMN slug text NOT NULL;
ALTER TABLE tags ALTER COLUMN id TYPE bigint;
UPDATE tags SET slug = lower(name);
CREATE INDEX tags_slug_idx ON tags (slug);
