CREATE TABLE prices (amount numeric(6,2));
