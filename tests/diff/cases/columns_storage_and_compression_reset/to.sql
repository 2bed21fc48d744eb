-- Back to the type's storage and the default compression.
CREATE TABLE users (id integer NOT NULL, body text);
