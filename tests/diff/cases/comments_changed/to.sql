-- A changed comment is set again.
CREATE TABLE film (id integer);
COMMENT ON TABLE film IS 'new';
