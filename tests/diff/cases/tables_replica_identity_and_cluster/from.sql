CREATE TABLE events (id integer PRIMARY KEY, kind text NOT NULL, at timestamptz NOT NULL);
CREATE UNIQUE INDEX events_kind_at ON events (kind, at);
CREATE TABLE audit (id integer, note text);
