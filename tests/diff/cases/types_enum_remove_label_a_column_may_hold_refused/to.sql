-- Removing a label a column may hold is refused.
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE people (feeling mood);
