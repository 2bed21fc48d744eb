ALTER TABLE public.users ADD COLUMN mail_lower text GENERATED ALWAYS AS (lower(email)) STORED;
