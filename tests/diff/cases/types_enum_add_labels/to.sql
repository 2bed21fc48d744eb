-- New labels go exactly where they belong.
CREATE TYPE mood AS ENUM ('awful', 'meh', 'sad', 'ok', 'happy', 'ecstatic');
