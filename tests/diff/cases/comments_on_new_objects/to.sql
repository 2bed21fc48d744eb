-- New objects get their comments after everything else.
CREATE TABLE film (id integer, CONSTRAINT film_pkey PRIMARY KEY (id));
COMMENT ON TABLE film IS 'Films';
COMMENT ON COLUMN film.id IS 'It''s the key';
COMMENT ON CONSTRAINT film_pkey ON film IS 'pk';
