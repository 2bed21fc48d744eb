-- An index on a partitioned table cannot be built CONCURRENTLY.
CREATE TABLE events (at date) PARTITION BY RANGE (at);
CREATE INDEX events_at_idx ON events (at);
