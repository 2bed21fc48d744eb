-- Other type changes cast with USING.
CREATE TABLE users (id integer NOT NULL, seen timestamp with time zone);
