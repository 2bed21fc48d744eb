-- A descending sequence's defaults are not spelled out either.
CREATE SEQUENCE film_id_seq INCREMENT BY -1;
