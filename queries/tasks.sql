-- Typed queries of the example application (docs/queries.md). `strata codegen` prepares each
-- on the database the migrations build and generates app::db::queries (app/db/queries/tasks.h).

-- name: OpenTasksOfProject :many
-- A join: the assignee is NULL for an unassigned task (the nullable side of a LEFT JOIN), and
-- @status? filters only when it is given.
SELECT t.id, t.title, t.status, a.display_name AS assignee, t.due_on
FROM tasks t
LEFT JOIN accounts a ON a.id = t.assignee_id
WHERE t.project_id = @project_id AND t.status <> 'done' AND t.status = @status?
ORDER BY t.id;

-- name: ProjectSummaries :many
-- An aggregate: count() is never NULL, max() of no rows is.
SELECT p.id, p.name, count(t.id) AS tasks, count(t.id) FILTER (WHERE t.status = 'done') AS done,
       max(t.updated_at) AS last_change
FROM projects p
LEFT JOIN tasks t ON t.project_id = p.id
WHERE p.owner_id = @owner_id
GROUP BY p.id, p.name
ORDER BY p.name;

-- name: TasksPage :many
-- A page of a project's tasks after a given id (keyset paging).
SELECT id, title, status
FROM tasks
WHERE project_id = @project_id AND id > @after_id
ORDER BY id
LIMIT @page_size;

-- name: TaskByTitle :one
SELECT id, title, estimate, tags FROM tasks WHERE project_id = @project_id AND title = @title;

-- name: RenameTask :execrows
UPDATE tasks SET title = @title WHERE id = @id;

-- name: DeleteDoneTasks :exec
DELETE FROM tasks WHERE project_id = @project_id AND status = 'done';

-- name: ArchiveDoneTasks :many
-- A data-modifying CTE: the deleted rows, with a timestamptz (read through the same conversion
-- as the table accessors', added after the query's own WITH list).
WITH gone AS (
  DELETE FROM tasks WHERE project_id = @project_id AND status = 'done' RETURNING id, title, updated_at
)
SELECT id, title, updated_at FROM gone ORDER BY id;
