CREATE TABLE flags (bits bit varying(8));
