-- A column leaves a type before the type is dropped: the retype runs in the drop phase.
CREATE TABLE t (c text);
