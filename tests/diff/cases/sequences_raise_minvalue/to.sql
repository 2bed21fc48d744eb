-- A raised minimum moves the sequence up to it first (ALTER SEQUENCE alone fails when the
-- current value is below the new minimum), keeping a higher current value.
CREATE SEQUENCE ticket_seq MINVALUE 1000;
