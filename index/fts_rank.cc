#include "index/fts_rank.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "index/fts_tokenizer.h"

namespace sohoa::index {
namespace {

// FTS5's bm25() constants (fts5_aux.c).
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr long long kMinimumLoadAfterRows = 1024;
// Rowids beyond this are not cached (the cache is a vector indexed by rowid).
constexpr long long kMaximumCachedRowid = 64LL << 20;
constexpr uint32_t kUnknownLength = std::numeric_limits<uint32_t>::max();

// What identifies one state of the database: the pager's data version moves with any commit,
// this connection's or another's; this connection's own changes also move total_changes.
struct DatabaseVersion {
  unsigned data_version = 0;
  sqlite3_int64 total_changes = -1;
  bool operator==(const DatabaseVersion&) const = default;
};

DatabaseVersion CurrentVersion(sqlite3* db) {
  DatabaseVersion version;
  sqlite3_file_control(db, "main", SQLITE_FCNTL_DATA_VERSION, &version.data_version);
  version.total_changes = sqlite3_total_changes64(db);
  return version;
}

// Per connection; owned by FTS5 (freed through xDestroy when the connection closes).
struct LengthCache {
  std::string load_sql;
  std::vector<uint32_t> lengths;  // token count by rowid, kUnknownLength where no row
  DatabaseVersion version;
  bool loaded = false;

  void Drop() {
    loaded = false;
    std::vector<uint32_t>().swap(lengths);
  }

  // The first varint of a %_docsize blob is the row's token count in column 0 (SQLite's varint
  // format; counts below 2^28 take at most 4 bytes).
  static uint32_t FirstVarint(const unsigned char* bytes, int size) {
    uint32_t value = 0;
    for (int i = 0; i < size && i < 4; ++i) {
      value = (value << 7) | (bytes[i] & 0x7f);
      if ((bytes[i] & 0x80) == 0) return value;
    }
    return kUnknownLength;
  }

  void Load(sqlite3* db) {
    Drop();
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, load_sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
      sqlite3_finalize(raw);
      return;
    }
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
    int rc;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
      const sqlite3_int64 rowid = sqlite3_column_int64(raw, 0);
      if (rowid < 0 || rowid > kMaximumCachedRowid) continue;  // looked up row by row instead
      const auto* blob = static_cast<const unsigned char*>(sqlite3_column_blob(raw, 1));
      const int size = sqlite3_column_bytes(raw, 1);
      if (static_cast<size_t>(rowid) >= lengths.size()) {
        lengths.resize(std::max<size_t>(rowid + 1, lengths.size() * 2), kUnknownLength);
      }
      lengths[rowid] = blob ? FirstVarint(blob, size) : kUnknownLength;
    }
    if (rc != SQLITE_DONE) return Drop();
    version = CurrentVersion(db);
    loaded = true;
  }

  uint32_t Length(sqlite3_int64 rowid) const {
    if (!loaded || rowid < 0 || static_cast<size_t>(rowid) >= lengths.size()) {
      return kUnknownLength;
    }
    return lengths[rowid];
  }
};

// Per statement (FTS5 auxiliary data, freed with the cursor).
struct StatementState {
  std::vector<double> idf;  // per phrase
  std::vector<double> frequency;
  double average_length = 1;
  long long rows_scored = 0;
  long long load_after_rows = 0;
};

int CountRow(const Fts5ExtensionApi*, Fts5Context*, void* count) {
  ++*static_cast<sqlite3_int64*>(count);
  return SQLITE_OK;
}

int NewStatementState(const Fts5ExtensionApi* api, Fts5Context* fts, int argument_count,
                      sqlite3_value** arguments, StatementState* state) {
  const int phrases = api->xPhraseCount(fts);
  sqlite3_int64 rows = 0, tokens = 0;
  int rc = api->xRowCount(fts, &rows);
  if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
  if (rc != SQLITE_OK) return rc;
  state->average_length = rows > 0 ? static_cast<double>(tokens) / static_cast<double>(rows) : 1;
  if (state->average_length <= 0) state->average_length = 1;
  state->idf.assign(phrases, 1.0);
  state->frequency.assign(phrases, 0.0);
  // With one phrase the IDF only scales every score alike.
  for (int i = 0; phrases > 1 && i < phrases; ++i) {
    sqlite3_int64 hits = 0;
    rc = api->xQueryPhrase(fts, i, &hits, CountRow);
    if (rc != SQLITE_OK) return rc;
    const double idf = std::log((rows - hits + 0.5) / (hits + 0.5));
    state->idf[i] = idf <= 0 ? 1e-6 : idf;
  }
  state->load_after_rows = argument_count >= 1 ? sqlite3_value_int64(arguments[0])
                                               : std::max(kMinimumLoadAfterRows, rows / 8);
  return SQLITE_OK;
}

void RankFunction(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* result,
                  int argument_count, sqlite3_value** arguments) {
  auto* cache = static_cast<LengthCache*>(api->xUserData(fts));
  sqlite3* db = sqlite3_context_db_handle(result);
  auto* state = static_cast<StatementState*>(api->xGetAuxdata(fts, 0));
  if (state == nullptr) {
    auto fresh = std::make_unique<StatementState>();
    int rc = NewStatementState(api, fts, argument_count, arguments, fresh.get());
    if (rc != SQLITE_OK) return sqlite3_result_error_code(result, rc);
    if (cache->loaded && !(cache->version == CurrentVersion(db))) cache->Drop();
    state = fresh.get();
    rc = api->xSetAuxdata(fts, fresh.release(),
                          [](void* p) { delete static_cast<StatementState*>(p); });
    if (rc != SQLITE_OK) return sqlite3_result_error_code(result, rc);
  }
  std::fill(state->frequency.begin(), state->frequency.end(), 0.0);
  int instances = 0;
  int rc = api->xInstCount(fts, &instances);
  for (int i = 0; rc == SQLITE_OK && i < instances; ++i) {
    int phrase = 0, column = 0, offset = 0;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    if (rc == SQLITE_OK) state->frequency[phrase] += 1;
  }
  if (rc != SQLITE_OK) return sqlite3_result_error_code(result, rc);

  if (!cache->loaded && ++state->rows_scored > state->load_after_rows) {
    cache->Load(db);
    state->load_after_rows = std::numeric_limits<long long>::max();  // one try a statement
  }
  uint32_t length = cache->Length(api->xRowid(fts));
  if (length == kUnknownLength) {
    int tokens = 0;
    rc = api->xColumnSize(fts, -1, &tokens);
    if (rc != SQLITE_OK) return sqlite3_result_error_code(result, rc);
    length = static_cast<uint32_t>(std::max(tokens, 0));
  }
  const double normaliser = kK1 * (1 - kB + kB * length / state->average_length);
  double score = 0;
  for (size_t i = 0; i < state->idf.size(); ++i) {
    const double f = state->frequency[i];
    score += state->idf[i] * (f * (kK1 + 1)) / (f + normaliser);
  }
  sqlite3_result_double(result, -score);
}

std::string QuotedIdentifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

Status RegisterRankFunction(sqlite3* db, const std::string& fts_table) {
  Result<fts5_api*> api = GetFts5Api(db);
  if (!api.ok()) return api.status();
  auto cache = std::make_unique<LengthCache>();
  cache->load_sql = "SELECT id, sz FROM " + QuotedIdentifier(fts_table + "_docsize");
  LengthCache* raw_cache = cache.release();
  // On failure xCreateFunction does not call the destructor.
  if ((*api)->xCreateFunction(*api, kRankFunctionName, raw_cache, RankFunction,
                              [](void* p) { delete static_cast<LengthCache*>(p); }) != SQLITE_OK) {
    delete raw_cache;
    return Internal("could not register the sohoa_rank function");
  }
  return Status::Ok();
}

}  // namespace sohoa::index
