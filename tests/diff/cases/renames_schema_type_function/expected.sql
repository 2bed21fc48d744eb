SET check_function_bodies = false;
ALTER SCHEMA billing RENAME TO accounts;
ALTER TYPE accounts.state RENAME TO invoice_state;
ALTER ROUTINE accounts.is_open(accounts.invoice_state) RENAME TO is_unpaid;
ALTER TABLE accounts.invoices RENAME TO bills;
CREATE OR REPLACE FUNCTION accounts.open_count()
 RETURNS bigint
 LANGUAGE plpgsql
AS $function$
BEGIN
  RETURN (SELECT count(*) FROM accounts.bills WHERE accounts.is_unpaid(state));
END $function$;
