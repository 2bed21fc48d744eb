DROP VIEW app.paid;
DROP TABLE app.orders;
DROP TABLE app.customers;
DROP TYPE app.status;
DROP SCHEMA app;
