-- Removing a label of a type nothing uses recreates it.
CREATE TYPE mood AS ENUM ('sad', 'happy');
