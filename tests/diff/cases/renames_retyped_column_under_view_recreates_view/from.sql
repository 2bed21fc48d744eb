CREATE TABLE users (id integer NOT NULL, mail text);
CREATE VIEW mails AS SELECT mail FROM users;
