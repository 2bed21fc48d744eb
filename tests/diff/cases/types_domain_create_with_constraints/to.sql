-- CREATE DOMAIN with its valid constraints; a NOT VALID one follows.
CREATE DOMAIN positive AS integer DEFAULT 1 NOT NULL CONSTRAINT above_zero CHECK (VALUE > 0);
ALTER DOMAIN positive ADD CONSTRAINT small CHECK (VALUE < 100) NOT VALID;
