-- A rename from a column A does not have is refused.
CREATE TABLE users (
  id integer NOT NULL,
  -- strata:renamed-from nope
  email text
);
