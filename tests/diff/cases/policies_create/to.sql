-- CREATE POLICY with all its clauses. (Roles belong to the cluster: created if missing. PUBLIC
-- cannot be listed with other roles: PostgreSQL keeps only PUBLIC.)
DO $$ BEGIN CREATE ROLE "Admin"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE auditor; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE TABLE film (id integer);
CREATE POLICY "own rows" ON film AS RESTRICTIVE FOR UPDATE TO auditor, "Admin" USING (id > 0) WITH CHECK (id < 100);
