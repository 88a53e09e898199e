// The full-text catalog of documents and pages. Callers see only this interface; the
// SQLite implementation is the embedded default (PostgreSQL to follow).
//
// Threads: one Catalog object is used by one thread at a time. Readers in other processes
// (search) are never blocked by a writer (SQLite WAL).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/page_text.h"
#include "common/status.h"
#include "index/metadata.h"

namespace sohoa::index {

struct DocumentRecord {
  std::string input_path;   // as given to `sohoa run`
  std::string output_path;  // the searchable PDF
  std::string sha256;       // of the input file, hex
  int page_count = 0;
  std::string status;      // "done" or "failed"
  std::string error;       // one line, when failed
  std::string collection;  // optional grouping (a batch or fonds name)
};

struct SearchHit {
  std::string input_path;
  std::string output_path;
  int page = 0;         // 1-based
  double score = 0;     // higher is better
  std::string snippet;  // with the matched words between '[' and ']'
  DocumentMeta meta;    // of the document (section) the page belongs to
  // Matched words on the page, upright-frame pixels. Search() leaves it empty: finding them
  // reads the page's whole word list (~0.7 ms a page, more than ranking 100k pages), and a
  // result list needs none; Catalog::MatchBoxes fills it for the page a reader opens.
  std::vector<PixelBox> boxes;
  // How the page matched, best first: "exact" (as typed, plain words side by side),
  // "exact-words" (as typed, the words anywhere on the page), "metadata" (the first page of a
  // section whose agency, type or number holds the words, diacritics ignored, whatever the
  // page's text reads), "folded" and "folded-words" (the page's words without diacritics),
  // "near" (OCR-tolerant: a long word one edit away), "filter" (a query of filters only).
  // Scores of a better kind are always higher: exact in [5,6), exact-words [4,5), metadata
  // [3,4), folded [2,3), folded-words [1,2), near and filter [0,1).
  std::string match;
};

struct CatalogStats {
  long documents = 0;
  long failed_documents = 0;
  long pages = 0;
  long pages_needing_review = 0;
};

class Catalog {
 public:
  virtual ~Catalog() = default;

  // Stores (or replaces, keyed by input_path) a finished document with all its pages, and
  // the metadata of the documents found in it, in one transaction.
  virtual Status PutDocument(const DocumentRecord& document, const std::vector<PageText>& pages,
                             const std::vector<MetadataSection>& sections) = 0;
  // Records a document that failed, with its reason (replacing older rows for that input).
  virtual Status PutFailure(const DocumentRecord& document) = 0;

  // `query` is in the user query language (index/query.h). Best hits first.
  virtual Result<std::vector<SearchHit>> Search(const std::string& query, int limit) = 0;
  // The boxes of the words on `hit`'s page that `query` matched, the way `hit.match` says it
  // matched (exact forms for "exact"/"exact-words", folded forms otherwise).
  virtual Result<std::vector<PixelBox>> MatchBoxes(const std::string& query,
                                                   const SearchHit& hit) = 0;

  virtual Result<CatalogStats> Stats() = 0;
  virtual Result<std::vector<DocumentRecord>> Documents() = 0;

  // The named fields (MetaField: stamp values with confidence and source) of the section that
  // page `page` (1-based) of `input_path` belongs to; empty when it has none.
  virtual Result<std::vector<MetaField>> SectionFields(const std::string& input_path, int page) {
    return Unsupported("no stored fields");
  }

  // A correction typed in by a person (`sohoa catalog correct`): field `name` of the section
  // page `page` of `input_path` belongs to becomes `value`, stored with source "corrected" and
  // confidence 100. The section's column of that name (number, date, type, agency, place,
  // subject, signer) changes too, so filters find the corrected value; review reasons about the
  // field are cleared from the section's first page; and the correction is applied again
  // whenever the same file (same SHA-256) is stored anew (a re-run, a rebuild).
  virtual Status CorrectField(const std::string& input_path, int page, const std::string& name,
                              const std::string& value) {
    return Unsupported("corrections are not stored here");
  }

  // Merges the full-text index segments and checkpoints the journal (`sohoa catalog optimize`).
  virtual Status Optimize() { return Unsupported("optimize is not implemented here"); }

  // The batch journal (index/sqlite_journal.cc), so an interrupted or repeated run resumes
  // without redoing OCR. Keyed by the input's SHA-256 and a digest of the settings that change
  // output; `page_json` is opaque to the catalog (the pipeline serialises a finished page).
  // Stores (or replaces) one finished page (0-based `page`) in its own transaction.
  virtual Status PutJournalPage(const std::string& sha256, const std::string& settings_digest,
                                int page, const std::string& page_json) {
    return Unsupported("no batch journal");
  }
  // Finished pages of a document, page index -> page_json; empty when nothing is journaled.
  virtual Result<std::vector<std::pair<int, std::string>>> JournalPages(
      const std::string& sha256, const std::string& settings_digest) {
    return Unsupported("no batch journal");
  }
  // After PutDocument: marks `input_path` done with these settings and drops its page entries,
  // in one transaction.
  virtual Status MarkJournalDone(const std::string& input_path, const std::string& sha256,
                                 const std::string& settings_digest) {
    return Unsupported("no batch journal");
  }
  // The settings digest `input_path` was last finished with; empty when not finished.
  virtual Result<std::string> JournalDoneDigest(const std::string& input_path) {
    return Unsupported("no batch journal");
  }
  // Forgets journaled pages of a document (`sohoa run --force`).
  virtual Status DropJournalPages(const std::string& sha256) {
    return Unsupported("no batch journal");
  }
};

// Opens (creating if needed) a SQLite catalog file.
Result<std::unique_ptr<Catalog>> OpenSqliteCatalog(const std::filesystem::path& path);

}  // namespace sohoa::index
