-- Typed queries for bench/accessor_bench.cpp, against the same queries written by hand with
-- libpqxx (prepared, field::as<T>()).

-- name: EventsOfItem :many
-- A join: every column NOT NULL through the inner join.
SELECT e.id, e.kind, e.amount, i.name
FROM public.events e
JOIN public.items i ON i.id = e.item_id
WHERE e.item_id = @item_id
ORDER BY e.id;

-- name: ItemSummary :one
-- An aggregate over an outer join: count() and COALESCE(sum(), 0) are never NULL.
SELECT i.sku, i.quantity, count(e.id) AS events, coalesce(sum(e.amount), 0) AS total
FROM public.items i
LEFT JOIN public.events e ON e.item_id = i.id
WHERE i.id = @id
GROUP BY i.id;
