-- A domain's default, NOT NULL and constraints change in place.
CREATE DOMAIN d AS integer DEFAULT 2 NOT NULL
  CONSTRAINT even CHECK (VALUE % 2 = 0)
  CONSTRAINT small CHECK (VALUE < 100);
