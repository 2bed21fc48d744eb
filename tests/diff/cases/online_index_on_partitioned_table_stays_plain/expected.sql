CREATE INDEX events_at_idx ON ONLY public.events USING btree (at);
