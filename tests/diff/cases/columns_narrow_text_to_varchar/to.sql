-- text to a bounded varchar: no USING, so a value that is too long fails the ALTER
CREATE TABLE codes (code varchar(3));
