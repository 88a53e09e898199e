// The "sohoa_rank" FTS5 ranking function: Okapi BM25 as FTS5's own bm25() computes it
// (k1 = 1.2, b = 0.75, one column), cheap enough to score every match of a common phrase on a
// large catalog. On the 100 000-page bench catalog bm25() spends two thirds of its time looking
// up each matched row's length (one SQL statement a row, ~1.1 µs) and most of the rest walking
// every phrase's posting list again for its IDF. sohoa_rank instead
//  - reads lengths from a per-connection copy of the FTS table's %_docsize lengths, loaded in one
//    sequential scan once a statement has scored more than `load_after_rows` rows (default: an
//    eighth of the table, at least 1024), and dropped when the database changes (this
//    connection's writes or another's commits);
//  - skips the IDF when the expression has a single phrase: it is then a constant factor.
// It therefore orders rows exactly as bm25() does. Its value equals bm25()'s when the expression
// has two or more phrases, and bm25() / IDF with one (negative, lower is better, like bm25()).
//
//   SELECT rowid FROM t WHERE t MATCH ? ORDER BY sohoa_rank(t [, load_after_rows]) LIMIT n
//
// Threads: the cache belongs to the connection, which SQLite serialises.
#pragma once

#include <sqlite3.h>

#include <string>

#include "common/status.h"

namespace sohoa::index {

inline constexpr const char* kRankFunctionName = "sohoa_rank";

// Registers sohoa_rank on this connection for the FTS5 table `fts_table` (whose %_docsize
// shadow table holds the lengths; the table must have columnsize=1, FTS5's default).
Status RegisterRankFunction(sqlite3* db, const std::string& fts_table);

}  // namespace sohoa::index
