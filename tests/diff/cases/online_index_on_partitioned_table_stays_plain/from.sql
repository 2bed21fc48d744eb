CREATE TABLE events (at date) PARTITION BY RANGE (at);
