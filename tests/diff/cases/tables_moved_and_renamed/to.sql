-- Moved and renamed at once: SET SCHEMA, then RENAME TO.
CREATE SCHEMA archive;
-- strata:moved-from public.logs
CREATE TABLE archive.old_logs (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, line text);
