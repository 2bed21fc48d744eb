CREATE TABLE users (id integer NOT NULL, mail text);
CREATE VIEW emails AS SELECT mail AS email FROM users;
