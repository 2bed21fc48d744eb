-- A column made NOT NULL goes through a check added NOT VALID and validated: no SET NOT NULL
-- warning.
CREATE TABLE users (id integer NOT NULL, email text NOT NULL);
