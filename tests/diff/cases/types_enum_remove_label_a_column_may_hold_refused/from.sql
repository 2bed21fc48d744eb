CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE people (feeling mood);
