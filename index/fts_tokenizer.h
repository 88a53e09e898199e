// The "vietnamese" FTS5 tokenizer: wraps unicode61 (diacritics kept) and emits, for every
// word, its normalised exact form and, at the same position, its folded form marked with a
// leading '_' (a character unicode61 never leaves inside a token). At query time a word typed
// with any diacritic is looked up by its exact form, a word typed without by its folded form,
// so 'mã' finds only 'mã' while 'ma' finds mã, má, mà, ma, ...
#pragma once

#include <sqlite3.h>

#include <string>
#include <string_view>

#include "common/status.h"

namespace sohoa::index {

inline constexpr char kFoldedTokenMarker = '_';
inline constexpr const char* kVietnameseTokenizerName = "vietnamese";

// The FTS5 extension API of this connection, to register tokenizers and ranking functions.
Result<fts5_api*> GetFts5Api(sqlite3* db);

// Registers the tokenizer on this connection (needed before any use of the FTS table).
Status RegisterVietnameseTokenizer(sqlite3* db);

// The forms the tokenizer indexes for one word: {exact, marked folded}.
struct IndexedForms {
  std::string exact;
  std::string folded;  // with kFoldedTokenMarker in front
};
IndexedForms IndexedFormsOf(std::string_view word);

}  // namespace sohoa::index
