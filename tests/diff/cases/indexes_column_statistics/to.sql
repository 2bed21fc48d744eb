-- The statistics target of an index expression column, and a new index with one.
CREATE TABLE docs (id integer, body text);
CREATE INDEX docs_lower_body ON docs (id, lower(body));
ALTER INDEX docs_lower_body ALTER COLUMN 2 SET STATISTICS 400;
CREATE INDEX docs_upper_body ON docs (upper(body));
ALTER INDEX docs_upper_body ALTER COLUMN 1 SET STATISTICS 50;
