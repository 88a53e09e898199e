// Measurements over the shared synthetic corpus (skipped unless SOHOA_EXTERNAL_CORPORA is set):
// metadata of every document with a manifest "meta", and search recall over the truth text.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "index/catalog.h"
#include "index/metadata.h"
#include "tests/index/page_builder.h"
#include "tests/testing/fixtures.h"

namespace sohoa::index {
namespace {

namespace fs = std::filesystem;

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

struct CorpusSet {
  fs::path folder;
  nlohmann::json manifest;
};

std::optional<CorpusSet> LoadSet(const std::string& name) {
  std::optional<fs::path> root = testing::ExternalCorpora();
  if (!root) return std::nullopt;
  fs::path folder = *root / "corpus" / name;
  if (!fs::exists(folder / "manifest.json")) return std::nullopt;
  return CorpusSet{folder, nlohmann::json::parse(ReadText(folder / "manifest.json"))};
}

std::vector<std::string> TruthPages(const CorpusSet& set, const nlohmann::json& document) {
  std::vector<std::string> pages;
  const std::string id = document["id"];
  for (int page = 1; page <= document["pages"].get<int>(); ++page) {
    pages.push_back(ReadText(set.folder / "truth" / (id + ".p" + std::to_string(page) + ".txt")));
  }
  return pages;
}

void CheckMetadataOfSet(const std::string& name) {
  std::optional<CorpusSet> set = LoadSet(name);
  if (!set) GTEST_SKIP() << "SOHOA_EXTERNAL_CORPORA is not set (or has no corpus/" << name << ")";
  int documents = 0, numbers = 0, dates = 0, types = 0, agencies = 0, subjects = 0;
  for (const nlohmann::json& document : set->manifest["documents"]) {
    if (!document.contains("meta") || document["meta"].is_null()) continue;
    ++documents;
    const nlohmann::json& expected = document["meta"];
    std::vector<MetadataSection> sections = ExtractMetadata(TruthPages(*set, document));
    // Personnel files hold the form and then the decision: compare the section with the number.
    DocumentMeta found;
    for (const MetadataSection& section : sections) {
      if (section.meta.number == expected["number"]) found = section.meta;
    }
    if (found.number.empty() && !sections.empty()) found = sections.front().meta;
    const std::string id = document["id"];
    numbers += found.number == expected["number"];
    dates += found.date == expected["date"];
    types += found.type == expected["type"];
    agencies += found.agency == expected.value("agency", "") &&
                found.agency_parent == expected.value("agency_parent", "");
    subjects += found.subject == expected.value("subject", "");
    EXPECT_EQ(found.number, expected["number"]) << id;
    EXPECT_EQ(found.date, expected["date"]) << id;
    EXPECT_EQ(found.type, expected["type"]) << id;
    EXPECT_EQ(found.agency, expected.value("agency", "")) << id;
    EXPECT_EQ(found.subject, expected.value("subject", "")) << id;
  }
  std::printf("[metadata %s] documents=%d number=%d date=%d type=%d agency=%d subject=%d\n",
              name.c_str(), documents, numbers, dates, types, agencies, subjects);
  EXPECT_GT(documents, 0);
}

TEST(CorpusMetadataTest, PublicSetMatchesManifest) { CheckMetadataOfSet("vn-public"); }
TEST(CorpusMetadataTest, HeaderSetMatchesManifest) { CheckMetadataOfSet("vn-headers"); }

TEST(CorpusSearchTest, TruthTextRecallPrecisionMrr) {
  std::optional<CorpusSet> set = LoadSet("vn-public");
  if (!set) GTEST_SKIP() << "SOHOA_EXTERNAL_CORPORA is not set";
  fs::path folder = sohoa::testing::MakeTempDir("sohoa-index-corpus");
  {
    Result<std::unique_ptr<Catalog>> catalog = OpenSqliteCatalog(folder / "catalog.sqlite");
    ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
    for (const nlohmann::json& document : set->manifest["documents"]) {
      std::vector<std::string> texts = TruthPages(*set, document);
      std::vector<PageText> pages;
      for (const std::string& text : texts) pages.push_back(testing::PageFromText(text));
      DocumentRecord record;
      record.input_path = document["id"];
      record.output_path = document["id"].get<std::string>() + ".pdf";
      ASSERT_TRUE((*catalog)->PutDocument(record, pages, ExtractMetadata(texts)).ok());
    }
    const nlohmann::json queries = nlohmann::json::parse(ReadText(set->folder / "queries.json"));
    double recall_sum = 0, precision_sum = 0, strict_precision_sum = 0, mrr_sum = 0;
    int count = 0;
    for (const nlohmann::json& query : queries) {
      std::set<std::pair<std::string, int>> expected;
      for (const nlohmann::json& hit : query["expect"]) {
        expected.insert(std::make_pair(hit["doc"].get<std::string>(), hit["page"].get<int>()));
      }
      Result<std::vector<SearchHit>> hits = (*catalog)->Search(query["q"], 10);
      ASSERT_TRUE(hits.ok()) << hits.status().ToString();
      int relevant = 0, strict = 0, strict_relevant = 0;
      double reciprocal_rank = 0;
      for (size_t rank = 0; rank < hits->size(); ++rank) {
        const SearchHit& hit = (*hits)[rank];
        const bool is_relevant = expected.count(std::make_pair(hit.input_path, hit.page)) > 0;
        relevant += is_relevant;
        if (is_relevant && reciprocal_rank == 0) reciprocal_rank = 1.0 / (rank + 1);
        if (hit.match == "exact") {
          ++strict;
          strict_relevant += is_relevant;
        }
      }
      const double wanted = std::min<double>(10, expected.size());
      const double recall = relevant / wanted;
      const double precision = hits->empty() ? 0 : double(relevant) / hits->size();
      const double strict_precision = strict == 0 ? 0 : double(strict_relevant) / strict;
      if (recall < 1 || strict_precision < 1) {
        std::printf("  query '%s' (%s): recall %.2f precision %.2f strict %.2f hits %zu\n",
                    query["q"].get<std::string>().c_str(), query["kind"].get<std::string>().c_str(),
                    recall, precision, strict_precision, hits->size());
      }
      recall_sum += recall;
      precision_sum += precision;
      strict_precision_sum += strict_precision;
      mrr_sum += reciprocal_rank;
      ++count;
    }
    std::printf(
        "[search vn-public truth] queries=%d recall@10=%.4f precision@10=%.4f "
        "exact-tier precision=%.4f MRR=%.4f\n",
        count, recall_sum / count, precision_sum / count, strict_precision_sum / count,
        mrr_sum / count);
    EXPECT_DOUBLE_EQ(recall_sum / count, 1.0);
    EXPECT_DOUBLE_EQ(mrr_sum / count, 1.0);
  }
  fs::remove_all(folder);
}

}  // namespace
}  // namespace sohoa::index
