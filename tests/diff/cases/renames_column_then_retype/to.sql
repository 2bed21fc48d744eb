-- A renamed column whose type changes too is renamed, then altered.
CREATE TABLE users (
  id integer NOT NULL,
  -- strata:renamed-from mail
  email character varying(200)
);
