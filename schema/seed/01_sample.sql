-- Sample data for development databases: `strata seed` runs the files of this folder in name
-- order, each in its own transaction. Every statement is idempotent (a second run inserts
-- nothing), which `strata seed --check-idempotent` proves. Rows are found by their natural keys,
-- never by identity values, so the identity sequences stay in step.

INSERT INTO accounts (email, display_name, role) VALUES
  ('ada@example.com', 'Ada Lovelace', 'owner'),
  ('grace@example.com', 'Grace Hopper', 'admin'),
  ('linus@example.com', 'Linus Torvalds', 'member')
ON CONFLICT (email) DO NOTHING;

INSERT INTO projects (owner_id, name, settings)
SELECT a.id, p.name, p.settings::jsonb
FROM (VALUES
  ('ada@example.com', 'Analytical Engine', '{"color": "green"}'),
  ('grace@example.com', 'Compiler', '{}')
) AS p (owner_email, name, settings)
JOIN accounts a ON a.email = p.owner_email
ON CONFLICT (owner_id, name) DO NOTHING;

INSERT INTO tasks (project_id, assignee_id, title, status, estimate, tags, due_on)
SELECT p.id, a.id, t.title, t.status::task_status, t.estimate, t.tags, t.due_on
FROM (VALUES
  ('Analytical Engine', 'ada@example.com', 'Write the first program', 'done', 8.00, '{notes}'::text[], DATE '1843-07-01'),
  ('Analytical Engine', 'linus@example.com', 'Review the punch cards', 'open', 2.50, '{review}'::text[], NULL),
  ('Compiler', 'grace@example.com', 'Find the moth', 'in_progress', 1.00, '{bug,hardware}'::text[], NULL),
  ('Compiler', NULL, 'Write the manual', 'open', NULL, '{}'::text[], NULL)
) AS t (project, assignee_email, title, status, estimate, tags, due_on)
JOIN projects p ON p.name = t.project
LEFT JOIN accounts a ON a.email = t.assignee_email
WHERE NOT EXISTS (SELECT 1 FROM tasks x WHERE x.project_id = p.id AND x.title = t.title);
