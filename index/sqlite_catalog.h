// SQLite implementation of Catalog (internal to index/; callers use OpenSqliteCatalog).
//
// One file in WAL mode. documents 1-n pages 1-1 pages_fts (external content, rowid = page id,
// "vietnamese" tokenizer), documents 1-n sections (metadata per page range) 1-1 sections_fts
// (the section's agency, type and number, rowid = section id) and 1-n fields (stamp values
// and other named fields, with confidence and source); corrections (by input path and
// SHA-256, re-applied when the same file is stored again).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "index/catalog.h"
#include "index/query.h"
#include "index/sqlite_handle.h"

namespace sohoa::index {

class SqliteCatalog : public Catalog {
 public:
  explicit SqliteCatalog(SqliteDb db) : db_(std::move(db)) {}

  Status Initialise();

  Status PutDocument(const DocumentRecord& document, const std::vector<PageText>& pages,
                     const std::vector<MetadataSection>& sections) override;
  Status PutFailure(const DocumentRecord& document) override;
  Result<std::vector<SearchHit>> Search(const std::string& query, int limit) override;
  Result<std::vector<PixelBox>> MatchBoxes(const std::string& query, const SearchHit& hit) override;
  Result<CatalogStats> Stats() override;
  Result<std::vector<DocumentRecord>> Documents() override;
  Result<std::vector<MetaField>> SectionFields(const std::string& input_path, int page) override;
  Status Optimize() override;
  // sqlite_corrections.cc
  Status CorrectField(const std::string& input_path, int page, const std::string& name,
                      const std::string& value) override;

  // Batch journal (sqlite_journal.cc).
  Status PutJournalPage(const std::string& sha256, const std::string& settings_digest, int page,
                        const std::string& page_json) override;
  Result<std::vector<std::pair<int, std::string>>> JournalPages(
      const std::string& sha256, const std::string& settings_digest) override;
  Status MarkJournalDone(const std::string& input_path, const std::string& sha256,
                         const std::string& settings_digest) override;
  Result<std::string> JournalDoneDigest(const std::string& input_path) override;
  Status DropJournalPages(const std::string& sha256) override;

 private:
  // Deletes the rows of `input_path` (index entries first, which need the old text).
  Status DeleteDocument(const std::string& input_path);
  Result<long long> InsertDocument(const DocumentRecord& document);
  Status EnsureCorrectionsTable();
  // sections_fts: created and filled from the sections in a catalog written before it.
  Status EnsureSectionsIndex();
  // Writes the sections_fts rows of the sections `where` selects (a condition on one bound
  // id: "doc_id = ?", "id = ?") anew, after their sections were stored or corrected.
  Status IndexSections(const char* where, long long id);
  // Within PutDocument's transaction: the stored corrections of this file and version.
  Status ReapplyCorrections(const DocumentRecord& document);

  // Appends hits of one match tier, skipping pages already found.
  Status AppendHits(const std::string& match_expression, const ParsedQuery& query,
                    const char* match_kind, double tier_base, int limit,
                    std::set<long long>* seen_pages, std::vector<SearchHit>* hits);
  // Appends the first pages of the sections whose description (sections_fts) matches, as
  // "metadata" hits, skipping pages already found.
  Status AppendSectionHits(const std::string& match_expression, const ParsedQuery& query,
                           double tier_base, int limit, std::set<long long>* seen_pages,
                           std::vector<SearchHit>* hits);
  // Pages that only satisfy the filters (queries without a required word).
  Status AppendFilteredPages(const ParsedQuery& query, int limit, std::vector<SearchHit>* hits);
  // Folded vocabulary words one edit away from `folded_word` (length >= 5).
  std::vector<std::string> NearVocabularyWords(const std::string& folded_word);

  SqliteDb db_;
  Status EnsureJournalTables();
  bool journal_ready_ = false;
};

}  // namespace sohoa::index
