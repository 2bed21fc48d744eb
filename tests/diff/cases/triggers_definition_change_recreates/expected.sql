DROP TRIGGER touched ON public.film;
CREATE TRIGGER touched BEFORE INSERT ON public.film FOR EACH ROW EXECUTE FUNCTION public.touch();
