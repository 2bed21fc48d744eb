CREATE SCHEMA history;
ALTER TABLE public.events SET SCHEMA history;
ALTER TABLE public.logs SET SCHEMA archive;
ALTER TABLE archive.logs RENAME TO old_logs;
ALTER TABLE archive.old_logs DROP CONSTRAINT logs_pkey;
ALTER TABLE archive.old_logs ADD CONSTRAINT old_logs_pkey PRIMARY KEY (id);
COMMENT ON SCHEMA history IS 'rows kept for audits';
GRANT USAGE ON SCHEMA history TO reader;
