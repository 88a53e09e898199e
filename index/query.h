// The user query language and its translation into FTS5 MATCH expressions.
//
//   words             all must match (a word typed without diacritics matches any accents)
//   "a phrase"        consecutive words
//   a OR b            either
//   -word, -"phrase"  must not match
//   pre*              prefix
//   type: agency: number: collection: from:YYYY[-MM[-DD]] to:YYYY[-MM[-DD]]   filters
//
// User text never reaches FTS5 syntax: every term becomes a quoted FTS5 string of the
// words SplitWords finds in it, and words with no letters or digits are dropped. A word such
// as '766/QĐ-TTg' thus becomes the phrase "766 qđ ttg", which is how it was indexed.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace sohoa::index {

struct QueryTerm {
  std::vector<std::string> words;  // normalised (NormalizeVietnamese), in order
  bool prefix = false;             // the last word is a prefix
};

// Terms of which at least one must match.
struct QueryAlternatives {
  std::vector<QueryTerm> terms;
};

struct QueryFilters {
  std::optional<std::string> type;        // folded key, e.g. "quyet dinh"
  std::optional<std::string> agency;      // folded key, matched as a substring
  std::optional<std::string> number;      // folded key, the number or its symbol
  std::optional<std::string> collection;  // as typed
  std::optional<std::string> from_date;   // inclusive, ISO, padded: "2024-01-01"
  std::optional<std::string> to_date;     // inclusive, padded: "2024-12-99"
  bool any() const { return type || agency || number || collection || from_date || to_date; }
};

struct ParsedQuery {
  std::vector<QueryAlternatives> required;
  std::vector<QueryTerm> excluded;
  QueryFilters filters;
};

// Never fails on odd text; fails only on a malformed date filter (InvalidInput).
Result<ParsedQuery> ParseQuery(std::string_view query);

// How query words are looked up.
enum class MatchMode {
  kAsTyped,  // words with diacritics exactly, words without folded
  kFolded,   // every word folded (a second tier below kAsTyped)
  kNear,     // folded, each term also with one long word replaced by a near variant
};

// Folded word -> folded vocabulary words near it (used by kNear only).
using NearVariants = std::function<std::vector<std::string>(const std::string& folded_word)>;

// The MATCH expression for the required terms, with the exclusions applied; empty when the
// query has no required term.
std::string BuildMatchExpression(const ParsedQuery& query, MatchMode mode,
                                 const NearVariants& near_variants = nullptr);

// The query with every run of consecutive single-term required groups joined into one
// phrase ('chu ky so' -> "chu ky so"), to rank pages with the words side by side first.
// Returns false (and leaves *joined alone) when no group would be joined.
bool JoinAdjacentWords(const ParsedQuery& query, ParsedQuery* joined);

// The MATCH expression of just the exclusions ORed together (empty when there are none),
// for queries with filters and exclusions but no required term.
std::string BuildExclusionExpression(const ParsedQuery& query);

// Folded, lower-cased, whitespace-collapsed: how filter values and stored metadata compare.
std::string MetadataKey(std::string_view text);

// MetadataKey with marks and punctuation as spaces: how an agency filter and the stored names
// compare ('Sở Văn hóa Thể thao' finds 'SỞ VĂN HÓA, THỂ THAO'; a quote or dot OCR read between
// two words of a name does not hide it).
std::string NameKey(std::string_view text);

}  // namespace sohoa::index
