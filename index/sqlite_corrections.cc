// Corrections typed in by archive staff (`sohoa catalog correct`): kept in their own table so
// that storing the same file again (a re-run, a rebuild into this catalog) re-applies them.
#include <string>
#include <vector>

#include "common/page_text.h"
#include "index/sqlite_catalog.h"

namespace sohoa::index {
namespace {

constexpr const char* kCorrectionsSchema = R"sql(
CREATE TABLE IF NOT EXISTS corrections (
  id INTEGER PRIMARY KEY,
  input_path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  first_page INTEGER NOT NULL,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  corrected_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (input_path, first_page, name)
);
)sql";

struct Section {
  long long id = 0;
  long long doc_id = 0;
  int first_page = 0;
  std::string sha256;
  std::string agency_parent;
};

Status RunStatement(sqlite3* db, const char* sql, const std::vector<std::string>& texts,
                    long long id) {
  Result<Statement> statement = Statement::Prepare(db, sql);
  if (!statement.ok()) return statement.status();
  int index = 1;
  for (const std::string& text : texts) statement->BindText(index++, text);
  statement->BindInt(index, id);
  return statement->Run();
}

// Section columns that a correction of the same name rewrites, so filters and the hit's
// metadata line show it.
Status UpdateSectionColumns(sqlite3* db, const Section& section, const std::string& name,
                            const std::string& value) {
  if (name == "number") {
    const size_t slash = value.find('/');
    const std::string symbol = slash == std::string::npos ? "" : value.substr(slash + 1);
    return RunStatement(
        db,
        "UPDATE sections SET number = ?, number_key = ?, symbol = ?, symbol_key = ? WHERE id = ?",
        {value, MetadataKey(value), symbol, MetadataKey(symbol)}, section.id);
  }
  if (name == "type") {
    return RunStatement(db, "UPDATE sections SET type = ?, type_key = ? WHERE id = ?",
                        {value, MetadataKey(value)}, section.id);
  }
  if (name == "agency") {
    return RunStatement(db, "UPDATE sections SET agency = ?, agency_key = ? WHERE id = ?",
                        {value, NameKey(section.agency_parent + " " + value)}, section.id);
  }
  for (const char* column : {"date", "place", "subject", "signer"}) {
    if (name == column) {
      const std::string sql = std::string("UPDATE sections SET ") + column + " = ? WHERE id = ?";
      return RunStatement(db, sql.c_str(), {value}, section.id);
    }
  }
  return Status::Ok();
}

Status ClearReviewReasons(sqlite3* db, const Section& section, const std::string& name) {
  Result<Statement> select = Statement::Prepare(
      db, "SELECT id, review_reason FROM pages WHERE doc_id = ? AND page_no = ?");
  if (!select.ok()) return select.status();
  select->BindInt(1, section.doc_id);
  select->BindInt(2, section.first_page);
  Status status;
  if (!select->Step(&status)) return status;
  const long long page_id = select->ColumnInt(0);
  const std::string reasons = select->ColumnText(1);
  std::string kept;
  for (size_t start = 0; start < reasons.size();) {
    size_t end = reasons.find("; ", start);
    if (end == std::string::npos) end = reasons.size();
    const std::string reason = reasons.substr(start, end - start);
    if (!ReviewReasonIsAboutField(reason, name)) kept += (kept.empty() ? "" : "; ") + reason;
    start = end + 2;
  }
  if (kept == reasons) return Status::Ok();
  return RunStatement(db,
                      "UPDATE pages SET review_reason = ?1, needs_review = (?1 <> ''), "
                      "quality_json = json_set(quality_json, '$.review_reason', ?1, "
                      "'$.needs_review', json(CASE WHEN ?1 = '' THEN 'false' ELSE 'true' END)) "
                      "WHERE id = ?2",
                      {kept}, page_id);
}

Status ApplyCorrection(sqlite3* db, const Section& section, const std::string& name,
                       const std::string& value) {
  SOHOA_RETURN_IF_ERROR(UpdateSectionColumns(db, section, name, value));
  SOHOA_RETURN_IF_ERROR(
      RunStatement(db, "DELETE FROM fields WHERE name = ? AND section_id = ?", {name}, section.id));
  Result<Statement> insert =
      Statement::Prepare(db,
                         "INSERT INTO fields(doc_id, section_id, name, value, confidence, source) "
                         "VALUES (?, ?, ?, ?, 100, 'corrected')");
  if (!insert.ok()) return insert.status();
  insert->BindInt(1, section.doc_id);
  insert->BindInt(2, section.id);
  insert->BindText(3, name);
  insert->BindText(4, value);
  SOHOA_RETURN_IF_ERROR(insert->Run());
  return ClearReviewReasons(db, section, name);
}

// The section page `page` of the document belongs to (`where` selects the document).
Result<Section> FindSection(sqlite3* db, const char* where, const std::string& key, int page) {
  const std::string sql = std::string(
                              "SELECT s.id, s.doc_id, s.first_page, d.sha256, s.agency_parent "
                              "FROM sections s JOIN documents d ON d.id = s.doc_id WHERE ") +
                          where +
                          " AND ?2 BETWEEN s.first_page AND s.last_page "
                          "ORDER BY s.first_page DESC LIMIT 1";
  Result<Statement> statement = Statement::Prepare(db, sql);
  if (!statement.ok()) return statement.status();
  statement->BindText(1, key);
  statement->BindInt(2, page);
  Status status;
  if (!statement->Step(&status)) {
    if (!status.ok()) return status;
    return NotFound("page " + std::to_string(page) + " of " + key +
                    " is not in the catalog (or has no metadata section)");
  }
  return Section{statement->ColumnInt(0), statement->ColumnInt(1),
                 static_cast<int>(statement->ColumnInt(2)), statement->ColumnText(3),
                 statement->ColumnText(4)};
}

}  // namespace

Status SqliteCatalog::EnsureCorrectionsTable() { return Execute(db_.get(), kCorrectionsSchema); }

Status SqliteCatalog::CorrectField(const std::string& input_path, int page, const std::string& name,
                                   const std::string& value) {
  if (name.empty() || name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos) {
    return InvalidInput("field name '" + name + "' is not lower-case letters and '_'");
  }
  Transaction transaction(db_.get());
  SOHOA_RETURN_IF_ERROR(transaction.Begin());
  Result<Section> section = FindSection(db_.get(), "d.input_path = ?1", input_path, page);
  if (!section.ok()) return section.status();
  SOHOA_RETURN_IF_ERROR(ApplyCorrection(db_.get(), *section, name, value));
  SOHOA_RETURN_IF_ERROR(IndexSections("id = ?", section->id));
  Result<Statement> remember = Statement::Prepare(
      db_.get(),
      "INSERT INTO corrections(input_path, sha256, first_page, name, value) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (input_path, first_page, name) DO UPDATE SET "
      "sha256 = excluded.sha256, value = excluded.value, corrected_at = excluded.corrected_at");
  if (!remember.ok()) return remember.status();
  remember->BindText(1, input_path);
  remember->BindText(2, section->sha256);
  remember->BindInt(3, section->first_page);
  remember->BindText(4, name);
  remember->BindText(5, value);
  SOHOA_RETURN_IF_ERROR(remember->Run());
  return transaction.Commit();
}

Status SqliteCatalog::ReapplyCorrections(const DocumentRecord& document) {
  // Corrections were made to one version of the file: a changed file is read afresh.
  Result<Statement> select = Statement::Prepare(
      db_.get(),
      "SELECT first_page, name, value FROM corrections WHERE input_path = ? AND sha256 = ? "
      "ORDER BY id");
  if (!select.ok()) return select.status();
  select->BindText(1, document.input_path);
  select->BindText(2, document.sha256);
  struct Stored {
    int first_page;
    std::string name, value;
  };
  std::vector<Stored> stored;
  Status status;
  while (select->Step(&status)) {
    stored.push_back(
        {static_cast<int>(select->ColumnInt(0)), select->ColumnText(1), select->ColumnText(2)});
  }
  SOHOA_RETURN_IF_ERROR(status);
  for (const Stored& correction : stored) {
    Result<Section> section =
        FindSection(db_.get(), "d.input_path = ?1", document.input_path, correction.first_page);
    // The sections were found afresh and may start elsewhere now: such a correction waits.
    if (!section.ok() || section->first_page != correction.first_page) continue;
    SOHOA_RETURN_IF_ERROR(ApplyCorrection(db_.get(), *section, correction.name, correction.value));
  }
  return Status::Ok();
}

}  // namespace sohoa::index
