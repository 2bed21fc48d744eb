-- The renames were applied by an earlier migration: the pragmas lapse quietly.
CREATE TABLE accounts (
  id integer PRIMARY KEY,
  -- strata:renamed-from mail
  email text
);
-- strata:renamed-from persons
CREATE TABLE people (id integer PRIMARY KEY);
