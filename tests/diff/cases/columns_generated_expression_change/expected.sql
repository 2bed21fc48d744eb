ALTER TABLE public.users DROP COLUMN total;
ALTER TABLE public.users ADD COLUMN total integer GENERATED ALWAYS AS ((id * 3)) STORED;
