// Owning wrappers for SQLite handles and a small prepared-statement helper, so that every
// sqlite3* and sqlite3_stmt* is released on every path.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace sohoa::index {

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using SqliteDb = std::unique_ptr<sqlite3, SqliteCloser>;

struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};

// One prepared statement. Bind* indices are 1-based, as in SQLite.
class Statement {
 public:
  static Result<Statement> Prepare(sqlite3* db, std::string_view sql);

  void BindText(int index, std::string_view text);
  void BindInt(int index, long long value);
  void BindDouble(int index, double value);
  void BindNull(int index);
  // Returns true while a row is available; a failure is reported through `status`.
  bool Step(Status* status);
  // Runs to completion, for statements that return no rows.
  Status Run();
  void Reset();

  std::string ColumnText(int column) const;
  long long ColumnInt(int column) const;
  double ColumnDouble(int column) const;
  bool ColumnIsNull(int column) const;
  sqlite3_stmt* get() const { return statement_.get(); }

 private:
  explicit Statement(sqlite3_stmt* statement) : statement_(statement) {}
  std::unique_ptr<sqlite3_stmt, StatementFinalizer> statement_;
};

// Runs one or more statements that return no rows.
Status Execute(sqlite3* db, const char* sql);

// "what: sqlite message" as one line.
Status SqliteError(sqlite3* db, std::string_view what);

// BEGIN IMMEDIATE ... COMMIT; rolls back when destroyed uncommitted.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Status Begin();
  Status Commit();

 private:
  sqlite3* db_;
  bool open_ = false;
};

}  // namespace sohoa::index
