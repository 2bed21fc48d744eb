-- A new partition key recreates the table, and says so.
CREATE TABLE events (at date) PARTITION BY HASH (at);
