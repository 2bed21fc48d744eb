// The example service's logic: accounts, projects and tasks through the accessors generated
// from schema/ (namespace app::db), checked against the database at start-up.
#pragma once

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "app/db/accounts.h"
#include "app/db/projects.h"
#include "app/db/queries/tasks.h"
#include "app/db/tasks.h"

namespace example {

class Tasks {
 public:
  // Throws strata::schema_version::SchemaBehindError when the database lacks a migration this
  // program was built with (run `cmake --build <dir> --target db-migrate` or the bootstrap endpoint).
  explicit Tasks(const std::string& connection);

  app::db::accounts::Row add_account(const std::string& email, const std::string& display_name);
  app::db::projects::Row add_project(std::int64_t owner_id, const std::string& name);
  app::db::tasks::Row add_task(std::int64_t project_id, const std::string& title);
  // Marks the task done; false when there is no such task.
  bool finish(std::int64_t task_id);
  std::vector<app::db::tasks::Row> tasks_of(std::int64_t project_id);
  // Typed queries (queries/tasks.sql): the project's open tasks with their assignee's name, all
  // of them or those of one status; each project of an owner with its task counts.
  std::vector<app::db::queries::OpenTasksOfProjectRow> open_tasks(std::int64_t project_id,
                                                                  std::optional<app::db::task_status> status = {});
  std::vector<app::db::queries::ProjectSummariesRow> project_summaries(std::int64_t owner_id);

 private:
  pqxx::connection connection_;
};

}  // namespace example
