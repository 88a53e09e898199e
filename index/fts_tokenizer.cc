#include "index/fts_tokenizer.h"

#include <memory>
#include <string>
#include <unordered_map>

#include "index/vietnamese_text.h"

namespace sohoa::index {
namespace {

// What the tokenizer factory needs to create the wrapped unicode61 instances.
struct TokenizerFactory {
  fts5_tokenizer unicode61{};
  void* unicode61_context = nullptr;
};

struct VietnameseTokenizer {
  TokenizerFactory* factory = nullptr;
  Fts5Tokenizer* inner = nullptr;
  // Normalising through ICU is the expensive part; documents repeat their words a lot.
  std::unordered_map<std::string, IndexedForms> cache;
};

struct TokenizeCall {
  VietnameseTokenizer* tokenizer;
  void* fts_context;
  int flags;
  int (*emit)(void*, int, const char*, int, int, int);
};

const IndexedForms& CachedForms(VietnameseTokenizer* tokenizer, std::string_view word) {
  if (tokenizer->cache.size() > 200000) tokenizer->cache.clear();
  auto [it, inserted] = tokenizer->cache.try_emplace(std::string(word));
  if (inserted) it->second = IndexedFormsOf(word);
  return it->second;
}

int OnInnerToken(void* context, int token_flags, const char* token, int token_bytes, int start,
                 int end) {
  auto* call = static_cast<TokenizeCall*>(context);
  const IndexedForms& forms =
      CachedForms(call->tokenizer, std::string_view(token, static_cast<size_t>(token_bytes)));
  if (call->flags & FTS5_TOKENIZE_QUERY) {
    // Typed with diacritics: that exact word; typed without: any word that folds to it.
    const bool typed_exact = forms.folded.compare(1, std::string::npos, forms.exact) != 0;
    const std::string& form = typed_exact ? forms.exact : forms.folded;
    return call->emit(call->fts_context, token_flags, form.data(), static_cast<int>(form.size()),
                      start, end);
  }
  int rc = call->emit(call->fts_context, token_flags, forms.exact.data(),
                      static_cast<int>(forms.exact.size()), start, end);
  if (rc != SQLITE_OK) return rc;
  return call->emit(call->fts_context, FTS5_TOKEN_COLOCATED, forms.folded.data(),
                    static_cast<int>(forms.folded.size()), start, end);
}

int CreateTokenizer(void* context, const char** /*args*/, int /*arg_count*/, Fts5Tokenizer** out) {
  auto* factory = static_cast<TokenizerFactory*>(context);
  // Keep diacritics and combining marks (NFD input) inside tokens: we normalise ourselves.
  const char* inner_args[] = {"remove_diacritics", "0", "categories", "L* N* Co M*"};
  auto tokenizer = std::make_unique<VietnameseTokenizer>();
  tokenizer->factory = factory;
  int rc = factory->unicode61.xCreate(factory->unicode61_context, inner_args, 4, &tokenizer->inner);
  if (rc != SQLITE_OK) return rc;
  *out = reinterpret_cast<Fts5Tokenizer*>(tokenizer.release());
  return SQLITE_OK;
}

void DeleteTokenizer(Fts5Tokenizer* handle) {
  auto* tokenizer = reinterpret_cast<VietnameseTokenizer*>(handle);
  if (tokenizer->inner != nullptr) tokenizer->factory->unicode61.xDelete(tokenizer->inner);
  delete tokenizer;
}

int Tokenize(Fts5Tokenizer* handle, void* fts_context, int flags, const char* text, int bytes,
             int (*emit)(void*, int, const char*, int, int, int)) {
  auto* tokenizer = reinterpret_cast<VietnameseTokenizer*>(handle);
  TokenizeCall call{tokenizer, fts_context, flags, emit};
  return tokenizer->factory->unicode61.xTokenize(tokenizer->inner, &call, flags, text, bytes,
                                                 OnInnerToken);
}

void DestroyFactory(void* context) { delete static_cast<TokenizerFactory*>(context); }

}  // namespace

Result<fts5_api*> GetFts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &raw, nullptr) != SQLITE_OK) {
    sqlite3_finalize(raw);
    return Internal(std::string("FTS5 is not available: ") + sqlite3_errmsg(db));
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
  sqlite3_bind_pointer(raw, 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(raw);
  if (api == nullptr) return Internal("FTS5 did not hand out its API");
  return api;
}

IndexedForms IndexedFormsOf(std::string_view word) {
  IndexedForms forms;
  forms.exact = NormalizeVietnamese(word);
  forms.folded.push_back(kFoldedTokenMarker);
  forms.folded.append(FoldVietnamese(forms.exact));
  return forms;
}

Status RegisterVietnameseTokenizer(sqlite3* db) {
  Result<fts5_api*> api = GetFts5Api(db);
  if (!api.ok()) return api.status();
  auto factory = std::make_unique<TokenizerFactory>();
  if ((*api)->xFindTokenizer(*api, "unicode61", &factory->unicode61_context, &factory->unicode61) !=
      SQLITE_OK)
    return Internal("FTS5 has no unicode61 tokenizer");
  fts5_tokenizer vietnamese{CreateTokenizer, DeleteTokenizer, Tokenize};
  TokenizerFactory* raw_factory = factory.release();
  if ((*api)->xCreateTokenizer(*api, kVietnameseTokenizerName, raw_factory, &vietnamese,
                               DestroyFactory) != SQLITE_OK) {
    DestroyFactory(raw_factory);
    return Internal("could not register the vietnamese tokenizer");
  }
  return Status::Ok();
}

}  // namespace sohoa::index
