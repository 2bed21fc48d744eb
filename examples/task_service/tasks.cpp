#include "tasks.h"

#include "app/db/migrations.h"

namespace example {

Tasks::Tasks(const std::string& connection) : connection_(connection) {
  app::db::require_current(connection_);
}

app::db::accounts::Row Tasks::add_account(const std::string& email, const std::string& display_name) {
  pqxx::work tx(connection_);
  auto row = app::db::accounts::insert(tx, {.email = email, .display_name = display_name});
  tx.commit();
  return row;
}

app::db::projects::Row Tasks::add_project(std::int64_t owner_id, const std::string& name) {
  pqxx::work tx(connection_);
  auto row = app::db::projects::insert(tx, {.owner_id = owner_id, .name = name});
  tx.commit();
  return row;
}

app::db::tasks::Row Tasks::add_task(std::int64_t project_id, const std::string& title) {
  pqxx::work tx(connection_);
  auto row = app::db::tasks::insert(tx, {.project_id = project_id, .title = title});
  tx.commit();
  return row;
}

bool Tasks::finish(std::int64_t task_id) {
  pqxx::work tx(connection_);
  auto task = app::db::tasks::find(tx, task_id);
  if (!task) return false;
  task->status = app::db::task_status::done;
  const bool updated = app::db::tasks::update(tx, *task).has_value();
  tx.commit();
  return updated;
}

std::vector<app::db::tasks::Row> Tasks::tasks_of(std::int64_t project_id) {
  pqxx::work tx(connection_);
  auto rows = app::db::tasks::list_by_project_id(tx, project_id);
  tx.commit();
  return rows;
}

std::vector<app::db::queries::OpenTasksOfProjectRow> Tasks::open_tasks(std::int64_t project_id,
                                                                       std::optional<app::db::task_status> status) {
  return app::db::queries::open_tasks_of_project(connection_, project_id, status);
}

std::vector<app::db::queries::ProjectSummariesRow> Tasks::project_summaries(std::int64_t owner_id) {
  return app::db::queries::project_summaries(connection_, owner_id);
}

}  // namespace example
