CREATE TABLE public.orders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id bigint NOT NULL,
  project text NOT NULL,
  total numeric(12, 2) NOT NULL,
  FOREIGN KEY (account_id, project) REFERENCES public.memberships (account_id, project)
);
