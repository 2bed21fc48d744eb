CREATE TABLE docs (id integer, body text);
CREATE INDEX docs_lower_body ON docs (id, lower(body));
