#include "index/sqlite_catalog.h"

#include "index/fts_rank.h"
#include "index/fts_tokenizer.h"
#include "index/page_json.h"

namespace sohoa::index {
namespace {

constexpr int kSchemaVersion = 1;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS documents (
  id INTEGER PRIMARY KEY,
  input_path TEXT NOT NULL UNIQUE,
  output_path TEXT NOT NULL DEFAULT '',
  sha256 TEXT NOT NULL DEFAULT '',
  page_count INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  error TEXT NOT NULL DEFAULT '',
  collection TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE IF NOT EXISTS pages (
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page_no INTEGER NOT NULL,
  text TEXT NOT NULL,
  words_json TEXT NOT NULL,
  mean_confidence REAL NOT NULL,
  needs_review INTEGER NOT NULL,
  review_reason TEXT NOT NULL,
  quality_json TEXT NOT NULL,
  UNIQUE (doc_id, page_no)
);
CREATE TABLE IF NOT EXISTS sections (
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  first_page INTEGER NOT NULL,
  last_page INTEGER NOT NULL,
  number TEXT NOT NULL, symbol TEXT NOT NULL, date TEXT NOT NULL, place TEXT NOT NULL,
  type TEXT NOT NULL, agency TEXT NOT NULL, agency_parent TEXT NOT NULL,
  subject TEXT NOT NULL, signer TEXT NOT NULL,
  person_name TEXT NOT NULL, birth_date TEXT NOT NULL, unit TEXT NOT NULL,
  -- folded lower-case copies that filters compare against (query.h MetadataKey)
  number_key TEXT NOT NULL, symbol_key TEXT NOT NULL, type_key TEXT NOT NULL,
  agency_key TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sections_by_doc ON sections(doc_id, first_page);
CREATE INDEX IF NOT EXISTS sections_by_number ON sections(number_key);
CREATE INDEX IF NOT EXISTS sections_by_date ON sections(date);
CREATE VIRTUAL TABLE IF NOT EXISTS pages_fts USING fts5(
  text, content='pages', content_rowid='id', tokenize='vietnamese');
CREATE VIRTUAL TABLE IF NOT EXISTS pages_vocab USING fts5vocab(pages_fts, 'row');
)sql";

// Added after schema version 1 without changing it: catalogs written before it gain the
// table when opened, and older programs still open newer catalogs (they ignore it).
constexpr const char* kFieldsSchema = R"sql(
CREATE TABLE IF NOT EXISTS fields (
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  confidence REAL NOT NULL,
  source TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS fields_by_section ON fields(section_id);
CREATE INDEX IF NOT EXISTS fields_by_value ON fields(name, value);
)sql";

// Added after schema version 1 without changing it, like `fields`: each section's description
// (its agency's name as spelled by index/agency_lexicon.h, its parent's, its type and number),
// so that a search finds the documents an agency issued where OCR garbled the name on the
// page (sqlite_search.cc, the "metadata" tier). Row id = the section's id. A catalog written
// before it gains the table, filled from its sections, when opened; a program older than it
// that writes into the catalog leaves the rows of the documents it stores stale.
constexpr const char* kSectionsFtsSchema =
    "CREATE VIRTUAL TABLE IF NOT EXISTS sections_fts USING fts5(meta, tokenize='vietnamese');";
// The rows of sections_fts for the sections selected by the WHERE clause appended to it.
constexpr const char* kIndexSectionsSql =
    "INSERT INTO sections_fts(rowid, meta) SELECT id, agency_parent || ' ' || agency || ' ' || "
    "type || ' ' || number FROM sections WHERE ";

}  // namespace

Result<std::unique_ptr<Catalog>> OpenSqliteCatalog(const std::filesystem::path& path) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  SqliteDb db(raw);
  if (rc != SQLITE_OK) {
    return IoError("cannot open catalog " + path.string() + ": " +
                   (raw ? sqlite3_errmsg(raw) : "out of memory"));
  }
  auto catalog = std::make_unique<SqliteCatalog>(std::move(db));
  Status status = catalog->Initialise();
  if (!status.ok()) return Status(status.code(), path.string() + ": " + status.message());
  return std::unique_ptr<Catalog>(std::move(catalog));
}

Status SqliteCatalog::Initialise() {
  sqlite3* db = db_.get();
  sqlite3_busy_timeout(db, 10000);
  SOHOA_RETURN_IF_ERROR(RegisterVietnameseTokenizer(db));
  SOHOA_RETURN_IF_ERROR(RegisterRankFunction(db, "pages_fts"));
  SOHOA_RETURN_IF_ERROR(Execute(db,
                                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                                "PRAGMA foreign_keys=ON;"));
  Result<Statement> version = Statement::Prepare(db, "PRAGMA user_version");
  if (!version.ok()) return version.status();
  Status status;
  long long found_version = version->Step(&status) ? version->ColumnInt(0) : 0;
  SOHOA_RETURN_IF_ERROR(status);
  if (found_version > kSchemaVersion) {
    return Unsupported("catalog schema version " + std::to_string(found_version) +
                       " is newer than this program's " + std::to_string(kSchemaVersion));
  }
  if (found_version == kSchemaVersion) {
    SOHOA_RETURN_IF_ERROR(Execute(db, kFieldsSchema));
    SOHOA_RETURN_IF_ERROR(EnsureSectionsIndex());
    return EnsureCorrectionsTable();
  }
  Transaction transaction(db);
  SOHOA_RETURN_IF_ERROR(transaction.Begin());
  SOHOA_RETURN_IF_ERROR(Execute(db, kSchema));
  SOHOA_RETURN_IF_ERROR(Execute(db, kFieldsSchema));
  SOHOA_RETURN_IF_ERROR(Execute(db, kSectionsFtsSchema));
  SOHOA_RETURN_IF_ERROR(EnsureCorrectionsTable());
  SOHOA_RETURN_IF_ERROR(
      Execute(db, ("PRAGMA user_version=" + std::to_string(kSchemaVersion)).c_str()));
  return transaction.Commit();
}

Status SqliteCatalog::EnsureSectionsIndex() {
  Result<Statement> exists = Statement::Prepare(
      db_.get(), "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sections_fts'");
  if (!exists.ok()) return exists.status();
  Status status;
  if (exists->Step(&status)) return Status::Ok();
  SOHOA_RETURN_IF_ERROR(status);
  Transaction transaction(db_.get());
  SOHOA_RETURN_IF_ERROR(transaction.Begin());
  SOHOA_RETURN_IF_ERROR(Execute(db_.get(), kSectionsFtsSchema));
  SOHOA_RETURN_IF_ERROR(Execute(db_.get(), (std::string(kIndexSectionsSql) + "1").c_str()));
  return transaction.Commit();
}

Status SqliteCatalog::IndexSections(const char* where, long long id) {
  Result<Statement> forget = Statement::Prepare(
      db_.get(), std::string("DELETE FROM sections_fts WHERE rowid IN (SELECT id FROM sections "
                             "WHERE ") +
                     where + ")");
  if (!forget.ok()) return forget.status();
  forget->BindInt(1, id);
  SOHOA_RETURN_IF_ERROR(forget->Run());
  Result<Statement> index = Statement::Prepare(db_.get(), std::string(kIndexSectionsSql) + where);
  if (!index.ok()) return index.status();
  index->BindInt(1, id);
  return index->Run();
}

Status SqliteCatalog::DeleteDocument(const std::string& input_path) {
  // External-content FTS5 forgets a row only when told its old text.
  static constexpr const char* kStatements[] = {
      "INSERT INTO pages_fts(pages_fts, rowid, text) SELECT 'delete', p.id, p.text "
      "FROM pages p JOIN documents d ON d.id = p.doc_id WHERE d.input_path = ?1",
      "DELETE FROM sections_fts WHERE rowid IN (SELECT s.id FROM sections s JOIN documents d "
      "ON d.id = s.doc_id WHERE d.input_path = ?1)",
      "DELETE FROM pages WHERE doc_id IN (SELECT id FROM documents WHERE input_path = ?1)",
      "DELETE FROM fields WHERE doc_id IN (SELECT id FROM documents WHERE input_path = ?1)",
      "DELETE FROM sections WHERE doc_id IN (SELECT id FROM documents WHERE input_path = ?1)",
      "DELETE FROM documents WHERE input_path = ?1",
  };
  for (const char* sql : kStatements) {
    Result<Statement> statement = Statement::Prepare(db_.get(), sql);
    if (!statement.ok()) return statement.status();
    statement->BindText(1, input_path);
    SOHOA_RETURN_IF_ERROR(statement->Run());
  }
  return Status::Ok();
}

Result<long long> SqliteCatalog::InsertDocument(const DocumentRecord& document) {
  Result<Statement> insert = Statement::Prepare(
      db_.get(),
      "INSERT INTO documents(input_path, output_path, sha256, page_count, status, error, "
      "collection) VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!insert.ok()) return insert.status();
  insert->BindText(1, document.input_path);
  insert->BindText(2, document.output_path);
  insert->BindText(3, document.sha256);
  insert->BindInt(4, document.page_count);
  insert->BindText(5, document.status);
  insert->BindText(6, document.error);
  insert->BindText(7, document.collection);
  SOHOA_RETURN_IF_ERROR(insert->Run());
  return static_cast<long long>(sqlite3_last_insert_rowid(db_.get()));
}

Status SqliteCatalog::PutDocument(const DocumentRecord& document,
                                  const std::vector<PageText>& pages,
                                  const std::vector<MetadataSection>& sections) {
  if (document.input_path.empty()) return InvalidInput("document without an input path");
  Transaction transaction(db_.get());
  SOHOA_RETURN_IF_ERROR(transaction.Begin());
  SOHOA_RETURN_IF_ERROR(DeleteDocument(document.input_path));
  DocumentRecord stored = document;
  if (stored.status.empty()) stored.status = "done";
  if (stored.page_count == 0) stored.page_count = static_cast<int>(pages.size());
  Result<long long> doc_id = InsertDocument(stored);
  if (!doc_id.ok()) return doc_id.status();

  Result<Statement> insert_page = Statement::Prepare(
      db_.get(),
      "INSERT INTO pages(doc_id, page_no, text, words_json, mean_confidence, needs_review, "
      "review_reason, quality_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  if (!insert_page.ok()) return insert_page.status();
  Result<Statement> index_page =
      Statement::Prepare(db_.get(), "INSERT INTO pages_fts(rowid, text) VALUES (?, ?)");
  if (!index_page.ok()) return index_page.status();
  for (size_t i = 0; i < pages.size(); ++i) {
    const PageText& page = pages[i];
    const std::string text = page.PlainText();
    insert_page->Reset();
    insert_page->BindInt(1, *doc_id);
    insert_page->BindInt(2, static_cast<long long>(i + 1));
    insert_page->BindText(3, text);
    insert_page->BindText(4, WordsToJson(page));
    insert_page->BindDouble(5, MeanWordConfidence(page));
    insert_page->BindInt(6, page.quality.needs_review ? 1 : 0);
    insert_page->BindText(7, page.quality.review_reason);
    insert_page->BindText(8, QualityToJson(page.quality));
    SOHOA_RETURN_IF_ERROR(insert_page->Run());
    index_page->Reset();
    index_page->BindInt(1, sqlite3_last_insert_rowid(db_.get()));
    index_page->BindText(2, text);
    SOHOA_RETURN_IF_ERROR(index_page->Run());
  }

  Result<Statement> insert_section = Statement::Prepare(
      db_.get(),
      "INSERT INTO sections(doc_id, first_page, last_page, number, symbol, date, place, type, "
      "agency, agency_parent, subject, signer, person_name, birth_date, unit, number_key, "
      "symbol_key, type_key, agency_key) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!insert_section.ok()) return insert_section.status();
  Result<Statement> insert_field =
      Statement::Prepare(db_.get(),
                         "INSERT INTO fields(doc_id, section_id, name, value, confidence, source) "
                         "VALUES (?, ?, ?, ?, ?, ?)");
  if (!insert_field.ok()) return insert_field.status();
  for (const MetadataSection& section : sections) {
    const DocumentMeta& meta = section.meta;
    Statement& s = *insert_section;
    s.Reset();
    s.BindInt(1, *doc_id);
    s.BindInt(2, section.first_page);
    s.BindInt(3, section.last_page);
    const std::string* texts[] = {&meta.number,        &meta.symbol,     &meta.date,
                                  &meta.place,         &meta.type,       &meta.agency,
                                  &meta.agency_parent, &meta.subject,    &meta.signer,
                                  &meta.person_name,   &meta.birth_date, &meta.unit};
    int column = 4;
    for (const std::string* text : texts) s.BindText(column++, *text);
    s.BindText(column++, MetadataKey(meta.number));
    s.BindText(column++, MetadataKey(meta.symbol));
    s.BindText(column++, MetadataKey(meta.type));
    s.BindText(column++, NameKey(meta.agency_parent + " " + meta.agency));
    SOHOA_RETURN_IF_ERROR(s.Run());
    const long long section_id = sqlite3_last_insert_rowid(db_.get());
    for (const MetaField& field : meta.fields) {
      Statement& f = *insert_field;
      f.Reset();
      f.BindInt(1, *doc_id);
      f.BindInt(2, section_id);
      f.BindText(3, field.name);
      f.BindText(4, field.value);
      f.BindDouble(5, field.confidence);
      f.BindText(6, field.source);
      SOHOA_RETURN_IF_ERROR(f.Run());
    }
  }
  SOHOA_RETURN_IF_ERROR(ReapplyCorrections(stored));
  SOHOA_RETURN_IF_ERROR(IndexSections("doc_id = ?", *doc_id));
  return transaction.Commit();
}

Status SqliteCatalog::PutFailure(const DocumentRecord& document) {
  if (document.input_path.empty()) return InvalidInput("document without an input path");
  Transaction transaction(db_.get());
  SOHOA_RETURN_IF_ERROR(transaction.Begin());
  SOHOA_RETURN_IF_ERROR(DeleteDocument(document.input_path));
  DocumentRecord stored = document;
  stored.status = "failed";
  Result<long long> doc_id = InsertDocument(stored);
  if (!doc_id.ok()) return doc_id.status();
  return transaction.Commit();
}

Result<CatalogStats> SqliteCatalog::Stats() {
  Result<Statement> statement = Statement::Prepare(
      db_.get(),
      "SELECT (SELECT count(*) FROM documents WHERE status <> 'failed'), "
      "(SELECT count(*) FROM documents WHERE status = 'failed'), "
      "(SELECT count(*) FROM pages), (SELECT count(*) FROM pages WHERE needs_review <> 0)");
  if (!statement.ok()) return statement.status();
  Status status;
  CatalogStats stats;
  if (statement->Step(&status)) {
    stats.documents = statement->ColumnInt(0);
    stats.failed_documents = statement->ColumnInt(1);
    stats.pages = statement->ColumnInt(2);
    stats.pages_needing_review = statement->ColumnInt(3);
  }
  if (!status.ok()) return status;
  return stats;
}

Result<std::vector<DocumentRecord>> SqliteCatalog::Documents() {
  Result<Statement> statement = Statement::Prepare(
      db_.get(),
      "SELECT input_path, output_path, sha256, page_count, status, error, collection "
      "FROM documents ORDER BY input_path");
  if (!statement.ok()) return statement.status();
  std::vector<DocumentRecord> documents;
  Status status;
  while (statement->Step(&status)) {
    DocumentRecord record;
    record.input_path = statement->ColumnText(0);
    record.output_path = statement->ColumnText(1);
    record.sha256 = statement->ColumnText(2);
    record.page_count = static_cast<int>(statement->ColumnInt(3));
    record.status = statement->ColumnText(4);
    record.error = statement->ColumnText(5);
    record.collection = statement->ColumnText(6);
    documents.push_back(std::move(record));
  }
  if (!status.ok()) return status;
  return documents;
}

Result<std::vector<MetaField>> SqliteCatalog::SectionFields(const std::string& input_path,
                                                            int page) {
  Result<Statement> statement = Statement::Prepare(
      db_.get(),
      "SELECT f.name, f.value, f.confidence, f.source FROM fields f WHERE f.section_id = "
      "(SELECT s.id FROM sections s JOIN documents d ON d.id = s.doc_id WHERE d.input_path = ? "
      "AND ? BETWEEN s.first_page AND s.last_page ORDER BY s.first_page DESC LIMIT 1) "
      "ORDER BY f.id");
  if (!statement.ok()) return statement.status();
  statement->BindText(1, input_path);
  statement->BindInt(2, page);
  std::vector<MetaField> fields;
  Status status;
  while (statement->Step(&status)) {
    fields.push_back({statement->ColumnText(0), statement->ColumnText(1),
                      static_cast<float>(statement->ColumnDouble(2)), statement->ColumnText(3)});
  }
  if (!status.ok()) return status;
  return fields;
}

Status SqliteCatalog::Optimize() {
  SOHOA_RETURN_IF_ERROR(Execute(db_.get(), "INSERT INTO pages_fts(pages_fts) VALUES('optimize')"));
  SOHOA_RETURN_IF_ERROR(
      Execute(db_.get(), "INSERT INTO sections_fts(sections_fts) VALUES('optimize')"));
  return Execute(db_.get(), "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA optimize;");
}

}  // namespace sohoa::index
