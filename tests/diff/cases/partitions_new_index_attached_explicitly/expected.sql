CREATE INDEX payment_id_idx ON ONLY public.payment USING btree (id);
CREATE INDEX payment_2024_id_idx ON public.payment_2024 USING btree (id);
ALTER INDEX public.payment_id_idx ATTACH PARTITION public.payment_2024_id_idx;
