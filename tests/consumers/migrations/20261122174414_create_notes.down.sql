-- Reverts 20261122174414_create_notes.sql.

DROP TABLE public.notes;
