ALTER TABLE sales.orders SET SCHEMA public;
