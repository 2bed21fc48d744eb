-- Replica identity (FULL, USING INDEX) and CLUSTER ON are modelled.
CREATE TABLE events (id integer PRIMARY KEY, kind text NOT NULL, at timestamptz NOT NULL);
CREATE UNIQUE INDEX events_kind_at ON events (kind, at);
ALTER TABLE events REPLICA IDENTITY USING INDEX events_kind_at;
ALTER TABLE events CLUSTER ON events_pkey;
CREATE TABLE audit (id integer, note text);
ALTER TABLE audit REPLICA IDENTITY FULL;
