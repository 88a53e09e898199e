// Search over the SQLite catalog, in tiers: pages matching the query as typed, then (when
// that gives fewer than `limit`) the first pages of sections whose description (agency, type,
// number) matches its folded words, then pages matching its folded words, then near
// (OCR-tolerant) matches. Each tier's scores lie below the previous one's.
#include <algorithm>
#include <string>

#include "index/fts_tokenizer.h"
#include "index/page_json.h"
#include "index/sqlite_catalog.h"
#include "index/vietnamese_text.h"

namespace sohoa::index {
namespace {

constexpr int kMaxLimit = 10000;
constexpr int kNearMinimumLength = 5;
constexpr const char* kNearAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
// Bounds on the near-match fallback, so that its cost does not grow with the catalog: each
// candidate spelling is one indexed lookup that stops at the first page (never a scan of a
// posting list), words are capped in length and number, and so are the variants kept.
constexpr int kNearMaximumLength = 24;
constexpr int kNearMaximumWords = 8;
constexpr size_t kNearMaximumVariants = 16;

constexpr const char* kHitColumns =
    "p.id, d.input_path, d.output_path, p.page_no, "
    "coalesce(s.number, ''), coalesce(s.symbol, ''), coalesce(s.date, ''), "
    "coalesce(s.place, ''), coalesce(s.type, ''), coalesce(s.agency, ''), "
    "coalesce(s.agency_parent, ''), coalesce(s.subject, ''), coalesce(s.signer, ''), "
    "coalesce(s.person_name, ''), coalesce(s.birth_date, ''), coalesce(s.unit, '')";
constexpr int kFirstExtraColumn = 16;

// The section a page belongs to: the last one starting at or before it.
constexpr const char* kSectionJoin =
    " JOIN documents d ON d.id = p.doc_id"
    " LEFT JOIN sections s ON s.id = (SELECT id FROM sections WHERE doc_id = p.doc_id"
    " AND p.page_no BETWEEN first_page AND last_page ORDER BY first_page DESC LIMIT 1)";

// SQL conditions for the filters; their values are bound in the same order by BindFilters.
std::string FilterConditions(const QueryFilters& filters) {
  std::string sql;
  if (filters.type) sql += " AND s.type_key = ?";
  if (filters.agency) sql += " AND instr(s.agency_key, ?) > 0";
  if (filters.number) sql += " AND (s.number_key = ? OR s.symbol_key = ?)";
  if (filters.collection) sql += " AND d.collection = ?";
  if (filters.from_date) sql += " AND s.date <> '' AND s.date >= ?";
  if (filters.to_date) sql += " AND s.date <> '' AND s.date <= ?";
  return sql;
}

int BindFilters(const QueryFilters& filters, Statement* statement, int index) {
  if (filters.type) statement->BindText(index++, *filters.type);
  if (filters.agency) statement->BindText(index++, *filters.agency);
  if (filters.number) {
    statement->BindText(index++, *filters.number);
    statement->BindText(index++, *filters.number);
  }
  if (filters.collection) statement->BindText(index++, *filters.collection);
  if (filters.from_date) statement->BindText(index++, *filters.from_date);
  if (filters.to_date) statement->BindText(index++, *filters.to_date);
  return index;
}

SearchHit ReadHit(const Statement& row) {
  SearchHit hit;
  hit.input_path = row.ColumnText(1);
  hit.output_path = row.ColumnText(2);
  hit.page = static_cast<int>(row.ColumnInt(3));
  DocumentMeta& meta = hit.meta;
  std::string* fields[] = {&meta.number, &meta.symbol,      &meta.date,          &meta.place,
                           &meta.type,   &meta.agency,      &meta.agency_parent, &meta.subject,
                           &meta.signer, &meta.person_name, &meta.birth_date,    &meta.unit};
  int column = 4;
  for (std::string* field : fields) *field = row.ColumnText(column++);
  return hit;
}

// A hit's score from its tier's base and its FTS5 rank (lower is better): within [base, base + 1).
double TierScore(double tier_base, double rank) {
  const double relevance = std::max(0.0, -rank);
  return tier_base + relevance / (1.0 + relevance);
}

std::string OneLine(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

WordMatcher MatcherFor(const ParsedQuery& query, bool folded_only) {
  WordMatcher matcher;
  for (const QueryAlternatives& alternatives : query.required) {
    for (const QueryTerm& term : alternatives.terms) {
      for (size_t i = 0; i < term.words.size(); ++i) {
        const std::string& word = term.words[i];
        if (term.prefix && i + 1 == term.words.size()) {
          matcher.folded_prefixes.push_back(FoldVietnamese(word));
        } else if (!folded_only && HasDiacritics(word)) {
          matcher.exact_words.push_back(word);
        } else {
          matcher.folded_words.push_back(FoldVietnamese(word));
        }
      }
    }
  }
  return matcher;
}

bool QueryHasDiacritics(const ParsedQuery& query) {
  for (const QueryAlternatives& alternatives : query.required) {
    for (const QueryTerm& term : alternatives.terms) {
      for (const std::string& word : term.words) {
        if (HasDiacritics(word)) return true;
      }
    }
  }
  return false;
}

// Edit-distance-1 spellings of an ASCII word (deletions, substitutions, insertions,
// transpositions); OCR confuses one character at a time.
std::vector<std::string> EditVariants(const std::string& word) {
  std::vector<std::string> variants;
  const std::string alphabet = kNearAlphabet;
  for (size_t i = 0; i <= word.size(); ++i) {
    if (i < word.size()) {
      variants.push_back(word.substr(0, i) + word.substr(i + 1));
      if (i + 1 < word.size()) {
        std::string swapped = word;
        std::swap(swapped[i], swapped[i + 1]);
        variants.push_back(swapped);
      }
    }
    for (char c : alphabet) {
      if (i < word.size() && c != word[i]) {
        variants.push_back(word.substr(0, i) + c + word.substr(i + 1));
      }
      variants.push_back(word.substr(0, i) + c + word.substr(i));
    }
  }
  std::sort(variants.begin(), variants.end());
  variants.erase(std::unique(variants.begin(), variants.end()), variants.end());
  variants.erase(std::remove(variants.begin(), variants.end(), word), variants.end());
  return variants;
}

}  // namespace

std::vector<std::string> SqliteCatalog::NearVocabularyWords(const std::string& folded_word) {
  std::vector<std::string> found;
  const int length = CodePointCount(folded_word);
  if (length < kNearMinimumLength || length > kNearMaximumLength) return found;
  for (unsigned char c : folded_word) {
    if (c >= 0x80) return found;  // variants are generated over ASCII only
  }
  // fts5vocab would count every posting of the term; a MATCH that stops at its first row
  // costs a few page reads whatever the catalog size. The query tokenizer folds an ASCII word.
  Result<Statement> lookup =
      Statement::Prepare(db_.get(), "SELECT rowid FROM pages_fts WHERE pages_fts MATCH ? LIMIT 1");
  if (!lookup.ok()) return found;
  for (const std::string& variant : EditVariants(folded_word)) {
    lookup->Reset();
    lookup->BindText(1, "\"" + variant + "\"");
    Status status;
    if (lookup->Step(&status)) found.push_back(variant);
    if (found.size() >= kNearMaximumVariants) break;
  }
  return found;
}

// Two steps, so that the cost of a tier grows with the matching pages only through FTS5's
// scoring: first the ids and ranks of the best pages (the sort carries nothing else, and
// the joins run only when a filter needs them), then the joins, snippet() and word boxes for the
// returned pages alone (snippet() tokenizes the whole page).
Status SqliteCatalog::AppendHits(const std::string& match_expression, const ParsedQuery& query,
                                 const char* match_kind, double tier_base, int limit,
                                 std::set<long long>* seen_pages, std::vector<SearchHit>* hits) {
  const long long wanted = limit - static_cast<long long>(hits->size());
  if (wanted <= 0) return Status::Ok();
  const bool filtered = query.filters.any();
  // "ORDER BY sohoa_rank() LIMIT" is SQLite's bounded top-k sort; FTS5's "ORDER BY rank" sorts
  // every match in a nested statement first (43 against 33 ms CPU median at 100k pages, one run
  // each). sohoa_rank orders as bm25() does, at a third of its cost (index/fts_rank.h).
  const std::string ranking_sql =
      std::string("SELECT pages_fts.rowid, sohoa_rank(pages_fts) FROM pages_fts") +
      (filtered ? std::string(" JOIN pages p ON p.id = pages_fts.rowid") + kSectionJoin : "") +
      " WHERE pages_fts MATCH ?" + FilterConditions(query.filters) +
      " ORDER BY sohoa_rank(pages_fts) LIMIT ?";
  Result<Statement> ranking = Statement::Prepare(db_.get(), ranking_sql);
  if (!ranking.ok()) return ranking.status();
  ranking->BindText(1, match_expression);
  int next = filtered ? BindFilters(query.filters, &*ranking, 2) : 2;
  // Pages found by a higher tier come back here too; fetch enough to skip them all.
  ranking->BindInt(next, wanted + static_cast<long long>(seen_pages->size()));
  std::vector<std::pair<long long, double>> ranked;
  Status status;
  while (static_cast<long long>(ranked.size()) < wanted && ranking->Step(&status)) {
    const long long page_id = ranking->ColumnInt(0);
    if (seen_pages->insert(page_id).second) {
      ranked.emplace_back(page_id, ranking->ColumnDouble(1));
    }
  }
  if (!status.ok() || ranked.empty()) return status;

  const std::string detail_sql =
      std::string("SELECT ") + kHitColumns +
      ", snippet(pages_fts, 0, '[', ']', '…', 16) FROM pages_fts JOIN pages p"
      " ON p.id = pages_fts.rowid" +
      kSectionJoin + " WHERE pages_fts MATCH ? AND pages_fts.rowid = ?";
  Result<Statement> detail = Statement::Prepare(db_.get(), detail_sql);
  if (!detail.ok()) return detail.status();
  for (const auto& [page_id, rank] : ranked) {
    detail->Reset();
    detail->BindText(1, match_expression);
    detail->BindInt(2, page_id);
    if (!detail->Step(&status)) {
      if (!status.ok()) return status;
      continue;  // the page left the catalog between the two statements
    }
    SearchHit hit = ReadHit(*detail);
    hit.score = TierScore(tier_base, rank);
    hit.snippet = OneLine(detail->ColumnText(kFirstExtraColumn));
    hit.match = match_kind;
    hits->push_back(std::move(hit));
  }
  return status;
}

Status SqliteCatalog::AppendSectionHits(const std::string& match_expression,
                                        const ParsedQuery& query, double tier_base, int limit,
                                        std::set<long long>* seen_pages,
                                        std::vector<SearchHit>* hits) {
  const long long wanted = limit - static_cast<long long>(hits->size());
  if (wanted <= 0) return Status::Ok();
  // One row per section, far fewer than pages: one statement does the ranking and the joins.
  // Words the query excludes hold for the page's text as in the other tiers.
  const std::string exclusion = BuildExclusionExpression(query);
  const std::string sql =
      std::string("SELECT ") + kHitColumns +
      ", sections_fts.rank, snippet(sections_fts, 0, '[', ']', '…', 16) FROM sections_fts"
      " JOIN sections own ON own.id = sections_fts.rowid"
      " JOIN pages p ON p.doc_id = own.doc_id AND p.page_no = own.first_page" +
      kSectionJoin + " WHERE sections_fts MATCH ?" + FilterConditions(query.filters) +
      (exclusion.empty()
           ? ""
           : " AND p.id NOT IN (SELECT rowid FROM pages_fts WHERE pages_fts MATCH ?)") +
      " ORDER BY sections_fts.rank LIMIT ?";
  Result<Statement> statement = Statement::Prepare(db_.get(), sql);
  if (!statement.ok()) return statement.status();
  statement->BindText(1, match_expression);
  int next = BindFilters(query.filters, &*statement, 2);
  if (!exclusion.empty()) statement->BindText(next++, exclusion);
  statement->BindInt(next, wanted + static_cast<long long>(seen_pages->size()));
  Status status;
  long long added = 0;
  while (added < wanted && statement->Step(&status)) {
    if (!seen_pages->insert(statement->ColumnInt(0)).second) continue;
    SearchHit hit = ReadHit(*statement);
    hit.score = TierScore(tier_base, statement->ColumnDouble(kFirstExtraColumn));
    hit.snippet = OneLine(statement->ColumnText(kFirstExtraColumn + 1));
    hit.match = "metadata";
    hits->push_back(std::move(hit));
    ++added;
  }
  return status;
}

Status SqliteCatalog::AppendFilteredPages(const ParsedQuery& query, int limit,
                                          std::vector<SearchHit>* hits) {
  const std::string exclusion = BuildExclusionExpression(query);
  std::string sql = std::string("SELECT ") + kHitColumns + ", substr(p.text, 1, 160)" +
                    " FROM pages p" + kSectionJoin + " WHERE 1" + FilterConditions(query.filters);
  if (!exclusion.empty()) {
    sql += " AND p.id NOT IN (SELECT rowid FROM pages_fts WHERE pages_fts MATCH ?)";
  }
  sql += " ORDER BY d.input_path, p.page_no LIMIT ?";
  Result<Statement> statement = Statement::Prepare(db_.get(), sql);
  if (!statement.ok()) return statement.status();
  int next = BindFilters(query.filters, &*statement, 1);
  if (!exclusion.empty()) statement->BindText(next++, exclusion);
  statement->BindInt(next, limit);
  Status status;
  while (statement->Step(&status)) {
    SearchHit hit = ReadHit(*statement);
    hit.snippet = OneLine(statement->ColumnText(kFirstExtraColumn));
    hit.match = "filter";
    hits->push_back(std::move(hit));
  }
  return status;
}

Result<std::vector<PixelBox>> SqliteCatalog::MatchBoxes(const std::string& query_text,
                                                        const SearchHit& hit) {
  Result<ParsedQuery> parsed = ParseQuery(query_text);
  if (!parsed.ok()) return parsed.status();
  Result<Statement> statement =
      Statement::Prepare(db_.get(),
                         "SELECT p.words_json FROM pages p JOIN documents d ON d.id = p.doc_id"
                         " WHERE d.input_path = ? AND p.page_no = ?");
  if (!statement.ok()) return statement.status();
  statement->BindText(1, hit.input_path);
  statement->BindInt(2, hit.page);
  Status status;
  if (!statement->Step(&status)) {
    if (!status.ok()) return status;
    return NotFound("no page " + std::to_string(hit.page) + " of " + hit.input_path);
  }
  const bool as_typed = hit.match == "exact" || hit.match == "exact-words";
  return MatchingWordBoxes(statement->ColumnText(0), MatcherFor(*parsed, !as_typed));
}

Result<std::vector<SearchHit>> SqliteCatalog::Search(const std::string& query_text, int limit) {
  if (limit <= 0) return std::vector<SearchHit>{};
  limit = std::min(limit, kMaxLimit);
  Result<ParsedQuery> parsed = ParseQuery(query_text);
  if (!parsed.ok()) return parsed.status();
  const ParsedQuery& query = *parsed;
  std::vector<SearchHit> hits;
  if (query.required.empty()) {
    // Exclusions alone select nothing sensible; with filters they narrow a listing.
    if (query.filters.any()) SOHOA_RETURN_IF_ERROR(AppendFilteredPages(query, limit, &hits));
    return hits;
  }
  std::set<long long> seen_pages;
  ParsedQuery adjacent;
  const bool has_adjacent = JoinAdjacentWords(query, &adjacent);
  const bool has_diacritics = QueryHasDiacritics(query);
  struct Tier {
    const ParsedQuery* query;
    MatchMode mode;
    const char* kind;
    double base;
    bool used;
    // The metadata tier runs before this one: between the as-typed and the folded tiers, the
    // documents the agency typed issued (or of the type or number typed), where the page's own
    // text of the name was misread.
    bool metadata_first = false;
  };
  const Tier tiers[] = {
      {&adjacent, MatchMode::kAsTyped, "exact", 5, has_adjacent},
      {&query, MatchMode::kAsTyped, has_adjacent ? "exact-words" : "exact", 4, true},
      {&adjacent, MatchMode::kFolded, "folded", 2, has_adjacent && has_diacritics, true},
      {&query, MatchMode::kFolded, has_adjacent ? "folded-words" : "folded", 1, has_diacritics},
  };
  for (const Tier& tier : tiers) {
    if (static_cast<int>(hits.size()) >= limit) break;
    if (tier.metadata_first) {
      SOHOA_RETURN_IF_ERROR(AppendSectionHits(
          BuildMatchExpression(has_adjacent ? adjacent : query, MatchMode::kFolded), query, 3,
          limit, &seen_pages, &hits));
      if (static_cast<int>(hits.size()) >= limit) break;
    }
    if (!tier.used) continue;
    SOHOA_RETURN_IF_ERROR(AppendHits(BuildMatchExpression(*tier.query, tier.mode), query, tier.kind,
                                     tier.base, limit, &seen_pages, &hits));
  }
  if (static_cast<int>(hits.size()) < limit) {
    bool any_variant = false;
    int words_looked_up = 0;
    NearVariants variants = [&](const std::string& word) {
      if (++words_looked_up > kNearMaximumWords) return std::vector<std::string>{};
      std::vector<std::string> near = NearVocabularyWords(word);
      any_variant = any_variant || !near.empty();
      return near;
    };
    // Phrases where the user typed words side by side: a garbled word keeps its neighbours.
    const std::string near =
        BuildMatchExpression(has_adjacent ? adjacent : query, MatchMode::kNear, variants);
    if (any_variant) {
      SOHOA_RETURN_IF_ERROR(AppendHits(near, query, "near", 0, limit, &seen_pages, &hits));
    }
  }
  return hits;
}

}  // namespace sohoa::index
