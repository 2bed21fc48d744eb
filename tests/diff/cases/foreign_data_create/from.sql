CREATE TABLE local_orders (id int PRIMARY KEY);
