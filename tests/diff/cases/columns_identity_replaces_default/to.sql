-- An identity replaces a sequence default: the default and its sequence go first.
CREATE TABLE users (id integer NOT NULL, number integer GENERATED ALWAYS AS IDENTITY);
