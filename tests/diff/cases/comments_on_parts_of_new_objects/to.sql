-- A new view's column comment comes after the view.
CREATE TABLE accounts (id integer PRIMARY KEY, owner text);
CREATE VIEW owners AS SELECT id, owner FROM accounts;
COMMENT ON COLUMN owners.owner IS 'who owns it';
