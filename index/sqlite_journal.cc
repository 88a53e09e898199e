// The batch journal of the SQLite catalog: finished pages of unfinished documents, and the
// settings each document was finished with. Its tables are created on first use, so catalogs
// made before the journal existed keep working without a schema migration.
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "index/sqlite_catalog.h"

namespace sohoa::index {
namespace {

constexpr const char* kJournalSchema = R"sql(
CREATE TABLE IF NOT EXISTS journal_pages (
  sha256 TEXT NOT NULL,
  settings_digest TEXT NOT NULL,
  page_no INTEGER NOT NULL,
  page_json TEXT NOT NULL,
  PRIMARY KEY (sha256, settings_digest, page_no)
);
CREATE TABLE IF NOT EXISTS journal_documents (
  input_path TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL,
  settings_digest TEXT NOT NULL,
  finished_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
)sql";

// Crash tests (tests/integration/batch_crash_test.cc) kill the process inside the transaction
// to show that SQLite rolls it back; never set outside tests.
void CrashInsideTransactionIfAsked() {
  const char* point = std::getenv("SOHOA_TEST_CRASH_AT");
  if (point != nullptr && std::strcmp(point, "journal-transaction") == 0) ::_exit(137);
}

}  // namespace

Status SqliteCatalog::EnsureJournalTables() {
  if (journal_ready_) return Status::Ok();
  SOHOA_RETURN_IF_ERROR(Execute(db_.get(), kJournalSchema));
  journal_ready_ = true;
  return Status::Ok();
}

Status SqliteCatalog::PutJournalPage(const std::string& sha256, const std::string& settings_digest,
                                     int page, const std::string& page_json) {
  SOHOA_RETURN_IF_ERROR(EnsureJournalTables());
  Result<Statement> insert = Statement::Prepare(
      db_.get(),
      "INSERT OR REPLACE INTO journal_pages(sha256, settings_digest, page_no, page_json) "
      "VALUES (?, ?, ?, ?)");
  if (!insert.ok()) return insert.status();
  insert->BindText(1, sha256);
  insert->BindText(2, settings_digest);
  insert->BindInt(3, page);
  insert->BindText(4, page_json);
  return insert->Run();
}

Result<std::vector<std::pair<int, std::string>>> SqliteCatalog::JournalPages(
    const std::string& sha256, const std::string& settings_digest) {
  SOHOA_RETURN_IF_ERROR(EnsureJournalTables());
  Result<Statement> select = Statement::Prepare(
      db_.get(),
      "SELECT page_no, page_json FROM journal_pages WHERE sha256 = ? AND settings_digest = ? "
      "ORDER BY page_no");
  if (!select.ok()) return select.status();
  select->BindText(1, sha256);
  select->BindText(2, settings_digest);
  std::vector<std::pair<int, std::string>> pages;
  Status status;
  while (select->Step(&status)) {
    pages.emplace_back(static_cast<int>(select->ColumnInt(0)), select->ColumnText(1));
  }
  if (!status.ok()) return status;
  return pages;
}

Status SqliteCatalog::MarkJournalDone(const std::string& input_path, const std::string& sha256,
                                      const std::string& settings_digest) {
  SOHOA_RETURN_IF_ERROR(EnsureJournalTables());
  Transaction transaction(db_.get());
  SOHOA_RETURN_IF_ERROR(transaction.Begin());
  Result<Statement> mark = Statement::Prepare(
      db_.get(),
      "INSERT OR REPLACE INTO journal_documents(input_path, sha256, settings_digest) "
      "VALUES (?, ?, ?)");
  if (!mark.ok()) return mark.status();
  mark->BindText(1, input_path);
  mark->BindText(2, sha256);
  mark->BindText(3, settings_digest);
  SOHOA_RETURN_IF_ERROR(mark->Run());
  CrashInsideTransactionIfAsked();
  Result<Statement> drop =
      Statement::Prepare(db_.get(), "DELETE FROM journal_pages WHERE sha256 = ?");
  if (!drop.ok()) return drop.status();
  drop->BindText(1, sha256);
  SOHOA_RETURN_IF_ERROR(drop->Run());
  return transaction.Commit();
}

Result<std::string> SqliteCatalog::JournalDoneDigest(const std::string& input_path) {
  SOHOA_RETURN_IF_ERROR(EnsureJournalTables());
  Result<Statement> select = Statement::Prepare(
      db_.get(),
      "SELECT j.settings_digest FROM journal_documents j JOIN documents d "
      "ON d.input_path = j.input_path AND d.sha256 = j.sha256 AND d.status = 'done' "
      "WHERE j.input_path = ?");
  if (!select.ok()) return select.status();
  select->BindText(1, input_path);
  Status status;
  std::string digest = select->Step(&status) ? select->ColumnText(0) : "";
  if (!status.ok()) return status;
  return digest;
}

Status SqliteCatalog::DropJournalPages(const std::string& sha256) {
  SOHOA_RETURN_IF_ERROR(EnsureJournalTables());
  Result<Statement> drop =
      Statement::Prepare(db_.get(), "DELETE FROM journal_pages WHERE sha256 = ?");
  if (!drop.ok()) return drop.status();
  drop->BindText(1, sha256);
  return drop->Run();
}

}  // namespace sohoa::index
