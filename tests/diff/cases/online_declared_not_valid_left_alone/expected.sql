ALTER TABLE public.users ADD CONSTRAINT email_check CHECK ((email <> ''::text)) NOT VALID;
