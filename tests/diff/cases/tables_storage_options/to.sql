-- Storage options: RESET what goes, SET what is new or changed.
CREATE TABLE t () WITH (fillfactor=80, toast_tuple_target=256);
