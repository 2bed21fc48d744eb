CREATE TABLE prices (amount numeric(10,2));
