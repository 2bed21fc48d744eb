-- A partition detached: its index (attached to the parent's) stays, as a plain index.
CREATE TABLE events (id integer NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
CREATE INDEX events_id ON events (id);
CREATE TABLE events_2024 (id integer NOT NULL, at date NOT NULL);
CREATE INDEX events_2024_id_idx ON events_2024 (id);
