DROP INDEX CONCURRENTLY public.users_email_idx;
