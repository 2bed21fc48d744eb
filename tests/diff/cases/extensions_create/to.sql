-- CREATE EXTENSION names its schema and version.
CREATE EXTENSION citext WITH SCHEMA public VERSION '1.6';
