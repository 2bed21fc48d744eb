-- Declared renames of a sequence (the default that uses it follows), an index, a view (the view
-- over it follows, its grant stays), a materialized view (its rows and index stay) and its index.
-- strata:renamed-from ticket_numbers
CREATE SEQUENCE ticket_ids;
CREATE TABLE tickets (id int PRIMARY KEY DEFAULT nextval('ticket_ids'), total numeric, closed boolean);
-- strata:renamed-from tickets_total
CREATE INDEX tickets_open_total ON tickets (total) WHERE NOT closed;
-- strata:renamed-from open_tickets
CREATE VIEW pending_tickets AS SELECT id, total FROM tickets WHERE NOT closed;
CREATE VIEW big_open_tickets AS SELECT id FROM pending_tickets WHERE total > 100;
-- strata:renamed-from ticket_totals
CREATE MATERIALIZED VIEW totals_by_state AS SELECT closed, sum(total) AS total FROM tickets GROUP BY closed;
-- strata:renamed-from ticket_totals_closed
CREATE INDEX totals_by_state_closed ON totals_by_state (closed);
GRANT SELECT ON pending_tickets TO reader;
