-- Reordering the labels of a type nothing uses recreates it.
CREATE TYPE mood AS ENUM ('happy', 'ok', 'sad');
