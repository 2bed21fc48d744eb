-- a shorter bit string: no USING (an explicit cast truncates)
CREATE TABLE flags (bits bit varying(4));
