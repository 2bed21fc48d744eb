CREATE TABLE users (
  id integer NOT NULL,
  mail text DEFAULT '',
  CONSTRAINT users_pkey PRIMARY KEY (id),
  CONSTRAINT mail_check CHECK (mail <> 'x')
);
CREATE INDEX users_mail_idx ON users (mail);
