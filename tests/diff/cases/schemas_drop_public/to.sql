-- public is an ordinary schema: it can be dropped.
DROP SCHEMA public;
