-- A plain column becomes an identity: it continues after the largest value already there.
CREATE TABLE orders (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text);
