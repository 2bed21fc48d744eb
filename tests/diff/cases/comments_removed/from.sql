CREATE TABLE film (id integer);
COMMENT ON TABLE film IS 'old';
