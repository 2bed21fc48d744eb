-- A column renamed by its pragma keeps its data: no DROP and ADD.
CREATE TABLE users (
  id integer PRIMARY KEY,
  -- strata:renamed-from mail
  email text
);
