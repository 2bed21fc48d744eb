CREATE TYPE task_status AS ENUM ('open', 'in_progress', 'done');

CREATE TABLE projects (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_id   bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name       varchar(120) NOT NULL,
  archived   boolean NOT NULL DEFAULT false,
  settings   jsonb NOT NULL DEFAULT '{}',
  UNIQUE (owner_id, name)
);

CREATE TABLE tasks (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id  bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  assignee_id bigint REFERENCES accounts (id) ON DELETE SET NULL,
  title       text NOT NULL CHECK (length(title) > 0),
  status      task_status NOT NULL DEFAULT 'open',
  estimate    numeric(6, 2),
  tags        text[] NOT NULL DEFAULT '{}',
  due_on      date,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX tasks_open_by_project ON tasks (project_id) WHERE status <> 'done';

CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

CREATE TRIGGER tasks_touch BEFORE UPDATE ON tasks
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE VIEW open_tasks AS
  SELECT t.id, t.title, p.name AS project, a.display_name AS assignee
  FROM tasks t
  JOIN projects p ON p.id = t.project_id
  LEFT JOIN accounts a ON a.id = t.assignee_id
  WHERE t.status <> 'done';
