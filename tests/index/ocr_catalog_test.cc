// Search and metadata on REAL OCR output: `sohoa run` over a subset of vn-public (skipped
// unless SOHOA_EXTERNAL_CORPORA is set), then every query whose expected pages lie in the
// subset must find them all in its first 10 hits, and every document with manifest meta must
// get its number, date and type from ExtractMetadata on the OCR text. The whole set is
// measured by scripts/eval-search (docs/SEARCH.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "index/catalog.h"
#include "index/query.h"
#include "tests/index/page_builder.h"
#include "tests/testing/fixtures.h"

namespace sohoa::index {
namespace {
namespace fs = std::filesystem;

// The documents the queries hit most, covering every kind, format and metadata layout
// (directive, letter, personnel file with a decision, article; TIFF, PDF, JPEG, PNG).
const char* const kSubset[] = {"pub04", "pub08", "pub12", "pub13", "pub15", "pub21"};

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string Stem(const std::string& path) {
  const std::string name = fs::path(path).filename().string();
  return name.substr(0, name.find('.'));
}

std::string Key(const std::string& text) {
  std::string out;
  for (char c : MetadataKey(text)) {
    if (c != ' ') out += c;
  }
  return out;
}

class OcrCatalogTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::optional<fs::path> root = testing::ExternalCorpora();
    if (!root) return;
    set_ = *root / "corpus" / "vn-public";
    if (!fs::exists(set_ / "manifest.json")) return;
    out_ = sohoa::testing::MakeTempDir("sohoa-ocr-catalog");
    std::string command = std::string("OMP_THREAD_LIMIT=1 '") + SOHOA_BINARY + "' run";
    const nlohmann::json manifest = nlohmann::json::parse(ReadText(set_ / "manifest.json"));
    for (const nlohmann::json& document : manifest["documents"]) {
      for (const char* id : kSubset) {
        if (document["id"] == id) {
          command += " '" + (set_ / document["file"].get<std::string>()).string() + "'";
          documents_.push_back(document);
        }
      }
    }
    command += " --out '" + out_.string() + "' --quiet 2>&1";
    run_status_ = std::system(command.c_str());
  }
  static void TearDownTestSuite() {
    if (!out_.empty()) fs::remove_all(out_);
  }
  void SetUp() override {
    if (out_.empty()) GTEST_SKIP() << "SOHOA_EXTERNAL_CORPORA is not set (or has no vn-public)";
    ASSERT_EQ(run_status_, 0) << "sohoa run failed";
  }

  static void CheckSearch(Catalog* catalog);
  static void CheckMetadata(Catalog* catalog);

  static fs::path set_, out_;
  static int run_status_;
  static std::vector<nlohmann::json> documents_;
};

fs::path OcrCatalogTest::set_, OcrCatalogTest::out_;
int OcrCatalogTest::run_status_ = -1;
std::vector<nlohmann::json> OcrCatalogTest::documents_;

// One test, so that ctest (one process per test) OCRs the subset once.
TEST_F(OcrCatalogTest, SearchAndMetadataOnOcrOutput) {
  Result<std::unique_ptr<Catalog>> catalog = OpenSqliteCatalog(out_ / "catalog.sqlite");
  ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
  CheckSearch(catalog->get());
  CheckMetadata(catalog->get());
}

void OcrCatalogTest::CheckSearch(Catalog* catalog) {
  std::set<std::string> subset(std::begin(kSubset), std::end(kSubset));
  const nlohmann::json queries = nlohmann::json::parse(ReadText(set_ / "queries.json"));
  int evaluated = 0;
  double recall_sum = 0, precision_sum = 0, mrr_sum = 0;
  for (const nlohmann::json& query : queries) {
    std::set<std::pair<std::string, int>> expected;
    for (const nlohmann::json& hit : query["expect"]) {
      if (subset.count(hit["doc"])) expected.emplace(hit["doc"], hit["page"].get<int>());
    }
    if (expected.empty()) continue;
    ++evaluated;
    Result<std::vector<SearchHit>> hits = catalog->Search(query["q"], 10);
    ASSERT_TRUE(hits.ok()) << hits.status().ToString();
    int found = 0, relevant = 0;
    double reciprocal_rank = 0;
    for (size_t rank = 0; rank < hits->size(); ++rank) {
      const bool is_expected =
          expected.count({Stem((*hits)[rank].input_path), (*hits)[rank].page}) > 0;
      relevant += is_expected;
      if (is_expected && reciprocal_rank == 0) reciprocal_rank = 1.0 / (rank + 1);
    }
    found = relevant;
    const int wanted = std::min<int>(10, static_cast<int>(expected.size()));
    EXPECT_EQ(found, wanted) << query["q"];
    recall_sum += static_cast<double>(found) / wanted;
    precision_sum += hits->empty() ? 0 : static_cast<double>(relevant) / hits->size();
    mrr_sum += reciprocal_rank;
  }
  std::printf("[ocr search subset] queries=%d recall@10=%.3f P@10=%.3f MRR=%.3f\n", evaluated,
              recall_sum / evaluated, precision_sum / evaluated, mrr_sum / evaluated);
  EXPECT_GE(evaluated, 25);
  EXPECT_GE(mrr_sum / evaluated, 0.9);
}

void OcrCatalogTest::CheckMetadata(Catalog* catalog) {
  int checked = 0;
  for (const nlohmann::json& document : documents_) {
    if (!document.contains("meta") || document["meta"].is_null()) continue;
    const nlohmann::json& meta = document["meta"];
    ++checked;
    // The number is a filter of the query language; its hits carry the section's metadata.
    Result<std::vector<SearchHit>> hits =
        catalog->Search("number:" + meta["number"].get<std::string>(), 10);
    ASSERT_TRUE(hits.ok()) << hits.status().ToString();
    bool matched = false;
    for (const SearchHit& hit : *hits) {
      if (Stem(hit.input_path) != document["id"]) continue;
      EXPECT_EQ(Key(hit.meta.number), Key(meta["number"])) << document["id"];
      EXPECT_EQ(hit.meta.date, meta["date"]) << document["id"];
      EXPECT_EQ(hit.meta.type, meta["type"]) << document["id"];
      matched = true;
    }
    EXPECT_TRUE(matched) << document["id"] << " has no section numbered " << meta["number"];
  }
  EXPECT_GE(checked, 4);
}

}  // namespace
}  // namespace sohoa::index
