-- Reverts 20261122174242_initial_schema.sql.

DROP VIEW public.open_tasks;
DROP TABLE public.tasks;
DROP TABLE public.projects;
DROP TABLE public.accounts;
DROP FUNCTION public.touch_updated_at();
DROP TYPE public.account_role;
DROP DOMAIN public.email_address;
DROP TYPE public.task_status;
