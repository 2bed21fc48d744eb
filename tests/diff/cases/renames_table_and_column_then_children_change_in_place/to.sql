-- After a table and a column rename, a view over them is replaced in place (PostgreSQL prints it
-- as `accounts.email AS mail`) and a trigger is disabled.
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
-- strata:renamed-from users
CREATE TABLE accounts (
  id integer NOT NULL,
  -- strata:renamed-from mail
  email text,
  CONSTRAINT users_pkey PRIMARY KEY (id)
);
CREATE TRIGGER audit AFTER UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION f();
ALTER TABLE accounts DISABLE TRIGGER audit;
CREATE SEQUENCE users_id_seq OWNED BY accounts.id;
CREATE VIEW mails AS SELECT email AS mail FROM accounts;
