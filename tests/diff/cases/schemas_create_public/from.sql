DROP SCHEMA public;
