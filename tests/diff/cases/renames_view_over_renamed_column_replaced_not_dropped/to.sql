-- A view over a renamed column whose text differs after the rename is replaced, never dropped.
CREATE TABLE users (
  id integer NOT NULL,
  -- strata:renamed-from mail
  email text
);
CREATE VIEW emails AS SELECT email FROM users;
