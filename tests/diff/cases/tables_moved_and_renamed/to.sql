-- Moved and renamed at once: SET SCHEMA, then RENAME TO.
CREATE SCHEMA archive;
-- strata:moved-from public.logs
CREATE TABLE archive.old_logs (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, line text);
-- Moved into a schema the source lacks: the schema is created first, then commented and granted
-- like any new schema.
CREATE SCHEMA history;
COMMENT ON SCHEMA history IS 'rows kept for audits';
GRANT USAGE ON SCHEMA history TO reader;
-- strata:moved-from public.events
CREATE TABLE history.events (id int);
