#include "index/sqlite_handle.h"

namespace sohoa::index {

Result<Statement> Statement::Prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr) !=
      SQLITE_OK) {
    sqlite3_finalize(raw);
    return SqliteError(db, "preparing statement");
  }
  return Statement(raw);
}

void Statement::BindText(int index, std::string_view text) {
  sqlite3_bind_text(statement_.get(), index, text.data(), static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
}
void Statement::BindInt(int index, long long value) {
  sqlite3_bind_int64(statement_.get(), index, value);
}
void Statement::BindDouble(int index, double value) {
  sqlite3_bind_double(statement_.get(), index, value);
}
void Statement::BindNull(int index) { sqlite3_bind_null(statement_.get(), index); }

bool Statement::Step(Status* status) {
  int rc = sqlite3_step(statement_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) *status = SqliteError(sqlite3_db_handle(statement_.get()), "query");
  return false;
}

Status Statement::Run() {
  Status status;
  while (Step(&status)) {
  }
  return status;
}

void Statement::Reset() {
  sqlite3_reset(statement_.get());
  sqlite3_clear_bindings(statement_.get());
}

std::string Statement::ColumnText(int column) const {
  const unsigned char* text = sqlite3_column_text(statement_.get(), column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     sqlite3_column_bytes(statement_.get(), column));
}
long long Statement::ColumnInt(int column) const {
  return sqlite3_column_int64(statement_.get(), column);
}
double Statement::ColumnDouble(int column) const {
  return sqlite3_column_double(statement_.get(), column);
}
bool Statement::ColumnIsNull(int column) const {
  return sqlite3_column_type(statement_.get(), column) == SQLITE_NULL;
}

Status Execute(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    return Internal("sqlite: " + text);
  }
  return Status::Ok();
}

Status SqliteError(sqlite3* db, std::string_view what) {
  int code = sqlite3_errcode(db);
  std::string message = std::string("sqlite ") + std::string(what) + ": " + sqlite3_errmsg(db);
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) return ResourceLimit(message);
  if (code == SQLITE_CANTOPEN || code == SQLITE_IOERR || code == SQLITE_FULL ||
      code == SQLITE_READONLY || code == SQLITE_PERM)
    return IoError(message);
  return Internal(message);
}

Transaction::~Transaction() {
  if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

Status Transaction::Begin() {
  if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
    return SqliteError(db_, "begin");
  open_ = true;
  return Status::Ok();
}

Status Transaction::Commit() {
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
    return SqliteError(db_, "commit");
  open_ = false;
  return Status::Ok();
}

}  // namespace sohoa::index
