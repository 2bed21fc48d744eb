CREATE TYPE mood AS ENUM ('a', 'b');
COMMENT ON TYPE mood IS 'feelings';
