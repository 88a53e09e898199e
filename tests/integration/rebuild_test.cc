// `sohoa catalog rebuild`: a lost catalog comes back from the output PDFs alone.
#include "pipeline/rebuild.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <sstream>

#include "tests/integration/cli_runner.h"
#include "tests/testing/fixtures.h"

namespace sohoa::testing {
namespace {
namespace fs = std::filesystem;

// "input#page" of every hit, in rank order, plus the document number of the first hit.
std::vector<std::string> SearchHits(const fs::path& catalog, const std::string& query) {
  CommandResult search = RunSohoa("search --json --catalog " + ShellQuote(catalog.string()) +
                                  " -- " + ShellQuote(query));
  EXPECT_EQ(search.exit_status, 0) << search.output;
  std::vector<std::string> hits;
  std::istringstream lines(search.output);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] != '{') continue;
    nlohmann::json hit = nlohmann::json::parse(line);
    hits.push_back(hit["input"].get<std::string>() + "#" + std::to_string(hit["page"].get<int>()) +
                   " " + hit["meta"]["number"].get<std::string>());
  }
  return hits;
}

struct Frame {
  double width = 0, height = 0, dpi = 0;
};

// The upright frame of page 1 as `sohoa run` stored it (pages.words_json).
Frame FirstPageFrame(const fs::path& catalog, const std::string& input) {
  Frame frame;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(catalog.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT p.words_json FROM pages p JOIN documents d ON d.id = p.doc_id "
                       "WHERE d.input_path = ? AND p.page_no = 1",
                       -1, &statement, nullptr);
    sqlite3_bind_text(statement, 1, input.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(statement) == SQLITE_ROW) {
      const nlohmann::json page =
          nlohmann::json::parse(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
      frame = {page["width"].get<double>(), page["height"].get<double>(),
               page["dpi"].get<double>()};
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return frame;
}

TEST(RebuildTest, CatalogRebuiltFromPdfsFindsTheSameHits) {
  const fs::path root = MakeTempDir("sohoa-rebuild");
  const fs::path in = root / "in", out = root / "out";
  fs::create_directories(in);
  RenderedPage directive = RenderPage(SampleDirectiveLines(), 200);
  ASSERT_TRUE(cv::imwrite((in / "quyet-dinh.png").string(), directive.image));
  RenderedPage letter = RenderPage({"Điều 3. Hồ sơ cán bộ, công chức được số hóa toàn bộ.",
                                    "Nơi nhận: Sở Nội vụ; lưu trữ lịch sử tỉnh Quảng Ninh."},
                                   200);
  ASSERT_TRUE(cv::imwrite((in / "ho-so.png").string(), letter.image));
  CommandResult run = RunSohoa("run " + ShellQuote(in.string()) + " --out " +
                               ShellQuote(out.string()) + " --jobs 2 --quiet");
  ASSERT_EQ(run.exit_status, 0) << run.output;

  const fs::path catalog = out / "catalog.sqlite";
  const std::vector<std::string> queries = {"quyết định", "so hoa", "Quảng Ninh", "noi vu"};
  std::vector<std::vector<std::string>> before;
  for (const std::string& query : queries) {
    before.push_back(SearchHits(catalog, query));
    EXPECT_FALSE(before.back().empty()) << query;
  }

  const Frame frame = FirstPageFrame(catalog, (in / "ho-so.png").string());
  ASSERT_GT(frame.dpi, 0);
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(catalog.string() + suffix);
  CommandResult rebuild = RunSohoa("catalog rebuild --out " + ShellQuote(out.string()));
  ASSERT_EQ(rebuild.exit_status, 0) << rebuild.output;
  EXPECT_NE(rebuild.output.find("2 documents, 2 pages"), std::string::npos) << rebuild.output;
  for (size_t i = 0; i < queries.size(); ++i) {
    // Same pages; their order may differ only where scores tie.
    std::vector<std::string> after = SearchHits(catalog, queries[i]);
    std::vector<std::string> expected = before[i];
    std::sort(after.begin(), after.end());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(after, expected) << queries[i];
  }

  // The library view: source path, hash and page geometry come back from the PDF.
  Result<pipeline::RebuiltDocument> document = pipeline::ReadSearchablePdf(out / "ho-so.pdf");
  ASSERT_TRUE(document.ok()) << document.status().ToString();
  EXPECT_EQ(document->record.input_path, (in / "ho-so.png").string());
  EXPECT_EQ(document->record.sha256.size(), 64u);
  ASSERT_EQ(document->pages.size(), 1u);
  const PageText& page = document->pages[0];
  // The PDF page is the OCR'd upright frame: same size, at kRebuildDpi.
  EXPECT_NEAR(page.width_px, frame.width * pipeline::kRebuildDpi / frame.dpi, 2);
  EXPECT_NEAR(page.height_px, frame.height * pipeline::kRebuildDpi / frame.dpi, 2);
  EXPECT_GE(page.lines.size(), 2u);
  EXPECT_NE(page.PlainText().find("Quảng Ninh"), std::string::npos) << page.PlainText();

  // A file that is not a sohoa PDF is skipped and named, not fatal.
  std::ofstream(out / "notes.pdf") << "%PDF-1.4\nnot really a pdf\n";
  rebuild = RunSohoa("catalog rebuild --out " + ShellQuote(out.string()));
  EXPECT_EQ(rebuild.exit_status, 0) << rebuild.output;
  EXPECT_NE(rebuild.output.find("notes.pdf"), std::string::npos) << rebuild.output;
  EXPECT_NE(rebuild.output.find("(1 PDFs skipped)"), std::string::npos) << rebuild.output;
  if (!HasFailure()) fs::remove_all(root);
}

// The source of the field `name` in the first hit's meta, or "" without hits or field.
std::string FieldSource(const fs::path& catalog, const std::string& query,
                        const std::string& name) {
  CommandResult search = RunSohoa("search --json --catalog " + ShellQuote(catalog.string()) +
                                  " -- " + ShellQuote(query));
  std::istringstream lines(search.output);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] != '{') continue;
    const nlohmann::json hit = nlohmann::json::parse(line);
    for (const nlohmann::json& field : hit["meta"]["fields"]) {
      if (field["name"] == name) return field["source"].get<std::string>();
    }
    return "";
  }
  return "";
}

TEST(RebuildTest, CorrectionIsSearchableAndOutlivesARebuild) {
  const fs::path root = MakeTempDir("sohoa-correct");
  const fs::path in = root / "in", out = root / "out";
  fs::create_directories(in);
  ASSERT_TRUE(
      cv::imwrite((in / "quyet-dinh.png").string(), RenderPage(SampleDirectiveLines(), 200).image));
  ASSERT_EQ(
      RunSohoa("run " + ShellQuote(in.string()) + " --out " + ShellQuote(out.string()) + " --quiet")
          .exit_status,
      0);
  const fs::path catalog = out / "catalog.sqlite";
  const std::string input = (in / "quyet-dinh.png").string();
  // The header has no date: the decision waits for a person.
  EXPECT_EQ(QueryNumber(catalog.string(),
                        "SELECT count(*) FROM pages WHERE review_reason LIKE "
                        "'%document date not read%'"),
            1);
  EXPECT_EQ(FieldSource(catalog, "type:\"quyết định\"", "number"), "printed");

  const std::string correct =
      "catalog correct --catalog " + ShellQuote(catalog.string()) + " --input " + ShellQuote(input);
  CommandResult bad = RunSohoa(correct + " --field date --value 2025-02-30");
  EXPECT_EQ(bad.exit_status, 2) << bad.output;
  EXPECT_NE(bad.output.find("2025-02-30"), std::string::npos) << bad.output;
  CommandResult unknown = RunSohoa("catalog correct --catalog " + ShellQuote(catalog.string()) +
                                   " --input in/none.png --field number --value 1/QĐ");
  EXPECT_EQ(unknown.exit_status, 2) << unknown.output;
  EXPECT_NE(unknown.output.find("in/none.png"), std::string::npos) << unknown.output;

  CommandResult fixed = RunSohoa(correct + " --field date --value 2025-02-03");
  ASSERT_EQ(fixed.exit_status, 0) << fixed.output;
  ASSERT_EQ(RunSohoa(correct + " --field number --value 1524/QĐ-UBND").exit_status, 0);
  EXPECT_EQ(QueryNumber(catalog.string(), "SELECT count(*) FROM pages WHERE needs_review = 1"), 0);
  EXPECT_EQ(SearchHits(catalog, "number:1524/QĐ-UBND from:2025-02-03").size(), 1u);
  EXPECT_EQ(FieldSource(catalog, "number:1524/QĐ-UBND", "number"), "corrected");

  // Rebuilding into this catalog stores the same file again: the correction stays.
  ASSERT_EQ(RunSohoa("catalog rebuild --out " + ShellQuote(out.string())).exit_status, 0);
  EXPECT_EQ(SearchHits(catalog, "number:1524/QĐ-UBND from:2025-02-03").size(), 1u);
  EXPECT_TRUE(SearchHits(catalog, "number:1523/QĐ-UBND").empty());
  if (!HasFailure()) fs::remove_all(root);
}

}  // namespace
}  // namespace sohoa::testing
