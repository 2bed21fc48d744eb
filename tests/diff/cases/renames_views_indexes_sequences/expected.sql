ALTER INDEX public.ticket_totals_closed RENAME TO totals_by_state_closed;
ALTER INDEX public.tickets_total RENAME TO tickets_open_total;
ALTER MATERIALIZED VIEW public.ticket_totals RENAME TO totals_by_state;
ALTER SEQUENCE public.ticket_numbers RENAME TO ticket_ids;
ALTER VIEW public.open_tickets RENAME TO pending_tickets;
