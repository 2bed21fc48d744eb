-- A column renamed by its pragma keeps its data.
CREATE TABLE users (
  id integer NOT NULL,
  -- strata:renamed-from mail
  email text
);
