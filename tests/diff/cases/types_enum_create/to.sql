-- CREATE TYPE ... AS ENUM.
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
