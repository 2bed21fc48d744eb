-- A renamed and retyped column under a view: the view is recreated around the retype.
CREATE TABLE users (
  id integer NOT NULL,
  -- strata:renamed-from mail
  email character varying(100)
);
CREATE VIEW mails AS SELECT email FROM users;
