-- A rename onto a name A still uses is refused.
CREATE TABLE users (
  id integer NOT NULL,
  -- strata:renamed-from mail
  email text
);
