CREATE SEQUENCE ticket_numbers;
CREATE TABLE tickets (id int PRIMARY KEY DEFAULT nextval('ticket_numbers'), total numeric, closed boolean);
CREATE INDEX tickets_total ON tickets (total) WHERE NOT closed;
CREATE VIEW open_tickets AS SELECT id, total FROM tickets WHERE NOT closed;
CREATE VIEW big_open_tickets AS SELECT id FROM open_tickets WHERE total > 100;
CREATE MATERIALIZED VIEW ticket_totals AS SELECT closed, sum(total) AS total FROM tickets GROUP BY closed;
CREATE INDEX ticket_totals_closed ON ticket_totals (closed);
GRANT SELECT ON open_tickets TO reader;
