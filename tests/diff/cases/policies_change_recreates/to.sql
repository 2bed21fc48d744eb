-- A changed policy is dropped and created.
DO $$ BEGIN CREATE ROLE "Admin"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE auditor; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE TABLE film (id integer);
CREATE POLICY "own rows" ON film AS RESTRICTIVE FOR UPDATE TO auditor, "Admin" WITH CHECK (id < 100);
