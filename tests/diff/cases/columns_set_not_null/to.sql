-- SET NOT NULL (which can fail on existing NULLs: a warning).
CREATE TABLE users (id integer NOT NULL, email text NOT NULL);
