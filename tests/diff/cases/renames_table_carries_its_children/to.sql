-- A renamed table takes its columns, default, constraints and indexes along: one statement.
-- strata:renamed-from users
CREATE TABLE accounts (
  id integer NOT NULL,
  mail text DEFAULT '',
  CONSTRAINT users_pkey PRIMARY KEY (id),
  CONSTRAINT mail_check CHECK (mail <> 'x')
);
CREATE INDEX users_mail_idx ON accounts (mail);
