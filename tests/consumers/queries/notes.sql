-- A consumer's typed query (docs/queries.md), built with the consumer's strata_add_schema.

-- name: NotesWithBody :many
SELECT id, title, body FROM public.notes WHERE body IS NOT NULL AND title LIKE @pattern? ORDER BY id;
