-- CREATE TABLE lists the columns in order with their defaults inline; SET STORAGE follows as an
-- ALTER.
CREATE TABLE users (
  id integer GENERATED ALWAYS AS IDENTITY,
  email character varying(255) COLLATE "C" NOT NULL,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  body text
) WITH (fillfactor=70);
ALTER TABLE users ALTER COLUMN body SET STORAGE EXTERNAL;
