-- An identity's kind changes in place.
CREATE TABLE users (id integer NOT NULL, number integer GENERATED ALWAYS AS IDENTITY);
