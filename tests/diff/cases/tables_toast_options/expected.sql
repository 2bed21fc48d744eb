CREATE TABLE public.blobs (
    id integer,
    data bytea
) WITH (toast.autovacuum_vacuum_scale_factor=0.05, toast_tuple_target=256);
ALTER TABLE public.documents SET (fillfactor=90, toast.autovacuum_enabled=false);
