#include "index/catalog.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>

#include "index/fts_tokenizer.h"
#include "index/metadata.h"
#include "tests/index/page_builder.h"
#include "tests/testing/fixtures.h"

namespace sohoa::index {
namespace {

namespace fs = std::filesystem;

const char* kDecision =
    "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\nSố: 15/QĐ-UBND\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nQuảng Ninh, ngày 15 tháng 3 năm 2024\nQUYẾT ĐỊNH\n"
    "Về việc thành lập Tổ công nghệ số cộng đồng tại Đông Triều\n"
    "Căn cứ Quyết định số 766/QĐ-TTg của Thủ tướng về mã số định danh;\n";
const char* kLetter =
    "SỞ NỘI VỤ\nSố: 561/SNV-CCVC\nV/v số hoá hồ sơ cán bộ\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHạ Long, ngày 03 tháng 7 năm 2025\n"
    "Kính gửi: Các sở, ban, ngành\nĐề nghị rà soát giá má và thuỷ lợi phí trên địa bàn.\n";
const char* kArticle = "BẢN TIN\nNgười dân huyện Tiên Yên dùng mã QR để thanh toán.\n";

class CatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = sohoa::testing::MakeTempDir("sohoa-catalog-test");
    Result<std::unique_ptr<Catalog>> catalog = OpenSqliteCatalog(folder_ / "catalog.sqlite");
    ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
    catalog_ = std::move(*catalog);
    Put("in/decision.tif", {kDecision, "2\nĐiều 1. Giao Sở Thông tin thực hiện.\n"}, "A");
    Put("in/letter.pdf", {kLetter}, "B");
    Put("in/article.jpg", {kArticle}, "A");
  }
  void TearDown() override {
    catalog_.reset();
    fs::remove_all(folder_);
  }

  void Put(const std::string& input, const std::vector<std::string>& texts,
           const std::string& collection) {
    DocumentRecord record;
    record.input_path = input;
    record.output_path = "out/" + input + ".pdf";
    record.collection = collection;
    std::vector<PageText> pages;
    for (const std::string& text : texts) pages.push_back(testing::PageFromText(text));
    pages[0].quality.needs_review = true;
    pages[0].quality.review_reason = "low confidence";
    Status status = catalog_->PutDocument(record, pages, ExtractMetadata(texts));
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  std::vector<SearchHit> Search(const std::string& query, int limit = 10) {
    Result<std::vector<SearchHit>> hits = catalog_->Search(query, limit);
    EXPECT_TRUE(hits.ok()) << query << ": " << hits.status().ToString();
    return hits.ok() ? *hits : std::vector<SearchHit>{};
  }

  fs::path folder_;
  std::unique_ptr<Catalog> catalog_;
};

TEST_F(CatalogTest, ExactAndFoldedQueries) {
  std::vector<SearchHit> exact = Search("Đông Triều");
  ASSERT_EQ(exact.size(), 1u);
  EXPECT_EQ(exact[0].input_path, "in/decision.tif");
  EXPECT_EQ(exact[0].output_path, "out/in/decision.tif.pdf");
  EXPECT_EQ(exact[0].page, 1);
  EXPECT_EQ(exact[0].match, "exact");
  EXPECT_NE(exact[0].snippet.find("[Đông Triều]"), std::string::npos) << exact[0].snippet;
  EXPECT_TRUE(exact[0].boxes.empty()) << "a result list reads no word boxes";
  Result<std::vector<PixelBox>> boxes = catalog_->MatchBoxes("Đông Triều", exact[0]);
  ASSERT_TRUE(boxes.ok()) << boxes.status().ToString();
  EXPECT_EQ(boxes->size(), 2u);
  EXPECT_EQ(exact[0].meta.number, "15/QĐ-UBND");
  EXPECT_EQ(exact[0].meta.date, "2024-03-15");

  std::vector<SearchHit> folded = Search("dong trieu");
  ASSERT_EQ(folded.size(), 1u);
  EXPECT_EQ(folded[0].input_path, "in/decision.tif");
  Result<std::vector<PixelBox>> folded_boxes = catalog_->MatchBoxes("dong trieu", folded[0]);
  ASSERT_TRUE(folded_boxes.ok());
  EXPECT_EQ(folded_boxes->size(), 3u);  // "cộng đồng" folds to "dong" too
  SearchHit missing = folded[0];
  missing.page = 99;
  EXPECT_FALSE(catalog_->MatchBoxes("dong trieu", missing).ok());
  EXPECT_EQ(Search("tien yen").at(0).input_path, "in/article.jpg");
}

TEST_F(CatalogTest, TonePlacementVariantsMatchEachOther) {
  EXPECT_EQ(Search("thủy lợi").at(0).input_path, "in/letter.pdf");
  EXPECT_EQ(Search("số hóa hồ sơ").at(0).input_path, "in/letter.pdf");
  EXPECT_EQ(Search("số hóa hồ sơ").at(0).match, "exact");
}

TEST_F(CatalogTest, ExactFormRanksAboveFoldedOnes) {
  // 'mã' is on the decision and the article; the letter has only 'má'.
  std::vector<SearchHit> hits = Search("mã");
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].match, "exact");
  EXPECT_EQ(hits[1].match, "exact");
  EXPECT_EQ(hits[2].input_path, "in/letter.pdf");
  EXPECT_EQ(hits[2].match, "folded");
  EXPECT_LT(hits[2].score, hits[1].score);
  EXPECT_EQ(Search("mã", 2).size(), 2u);
}

TEST_F(CatalogTest, DocumentNumberTypedAsAWord) {
  std::vector<SearchHit> hits = Search("766/QĐ-TTg");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].input_path, "in/decision.tif");
  EXPECT_NE(hits[0].snippet.find("[766/QĐ-TTg]"), std::string::npos) << hits[0].snippet;
  EXPECT_EQ(Search("561/snv-ccvc").at(0).input_path, "in/letter.pdf");
  EXPECT_TRUE(Search("767/QĐ-TTg").empty());
}

TEST_F(CatalogTest, Filters) {
  EXPECT_EQ(Search("ngày type:\"quyết định\"").size(), 1u);
  EXPECT_EQ(Search("ngày type:\"cong van\"").at(0).input_path, "in/letter.pdf");
  EXPECT_EQ(Search("ngày from:2025-01-01").at(0).input_path, "in/letter.pdf");
  EXPECT_EQ(Search("ngày to:2024-12-31").at(0).input_path, "in/decision.tif");
  EXPECT_EQ(Search("number:15/QĐ-UBND").size(), 2u);  // both pages of the decision
  EXPECT_EQ(Search("agency:\"nội vụ\"").at(0).input_path, "in/letter.pdf");
  std::vector<SearchHit> collection = Search("mã collection:A");
  EXPECT_EQ(collection.size(), 2u);
  EXPECT_TRUE(Search("mã collection:Z").empty());
  EXPECT_FALSE(catalog_->Search("x from:someday", 10).ok());
}

TEST_F(CatalogTest, OrExclusionAndPrefix) {
  EXPECT_EQ(Search("\"Tiên Yên\" OR \"Đông Triều\"").size(), 2u);
  std::vector<SearchHit> excluded = Search("mã -QR");
  for (const SearchHit& hit : excluded) EXPECT_NE(hit.input_path, "in/article.jpg");
  // A prefix typed without diacritics covers 'thành' (decision) and 'thanh' (article).
  EXPECT_EQ(Search("thanh*").size(), 2u);
  std::vector<SearchHit> exact_prefix = Search("thành*");
  ASSERT_EQ(exact_prefix.size(), 2u);
  EXPECT_EQ(exact_prefix[0].input_path, "in/decision.tif");
  EXPECT_EQ(exact_prefix[0].match, "exact");
  EXPECT_EQ(exact_prefix[1].match, "folded");
}

TEST_F(CatalogTest, HostileQueriesAreJustText) {
  for (const char* query : {"\"", "NEAR(", "a AND", "'); DROP TABLE pages; --", "*", "-", "\"\"\"",
                            "OR", "NOT", "(((", "type:", "^", "x:y:z", "Đông\"Triều"}) {
    Result<std::vector<SearchHit>> hits = catalog_->Search(query, 10);
    EXPECT_TRUE(hits.ok()) << query << ": " << hits.status().ToString();
  }
  EXPECT_EQ(catalog_->Stats()->pages, 4);
}

TEST_F(CatalogTest, NearMatchesForOcrErrorsRankLast) {
  // 'tnanh' is 'thanh' misread; only the near tier can find it.
  Put("in/ocr.png", {"Người dân tnanh toán trực tuyến\n"}, "");
  std::vector<SearchHit> hits = Search("thanh toán", 10);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits.front().input_path, "in/article.jpg");
  EXPECT_EQ(hits.back().input_path, "in/ocr.png");
  EXPECT_EQ(hits.back().match, "near");
  EXPECT_LT(hits.back().score, 1.0);
}

TEST_F(CatalogTest, NearMatchKeepsThePhraseTogether) {
  // One word garbled, its neighbour beside it: found. The garbled word with the other word
  // far away on the page: not a near match of the phrase.
  Put("in/near.png", {"Hướng dẫn người dân tnanh toán qua ứng dụng\n"}, "");
  Put("in/far.png", {"Tnanh niên tình nguyện\nhọc sinh đóng học phí, toán học\n"}, "");
  std::vector<SearchHit> hits = Search("thanh toán", 10);
  std::vector<std::string> inputs;
  for (const SearchHit& hit : hits) inputs.push_back(hit.input_path);
  EXPECT_NE(std::find(inputs.begin(), inputs.end(), "in/near.png"), inputs.end());
  EXPECT_EQ(std::find(inputs.begin(), inputs.end(), "in/far.png"), inputs.end());
}

TEST_F(CatalogTest, RerunReplacesRowsAndStatsCount) {
  Put("in/letter.pdf", {kLetter, "trang hai\n"}, "B");
  Put("in/letter.pdf", {"Chỉ còn một trang mới\n"}, "B");
  Result<CatalogStats> stats = catalog_->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 3);
  EXPECT_EQ(stats->pages, 4);
  EXPECT_EQ(stats->pages_needing_review, 3);
  EXPECT_TRUE(Search("thủy lợi").empty());  // the old text left the index too
  EXPECT_EQ(Search("trang mới").size(), 1u);

  DocumentRecord failed;
  failed.input_path = "in/article.jpg";
  failed.error = "truncated JPEG";
  ASSERT_TRUE(catalog_->PutFailure(failed).ok());
  stats = catalog_->Stats();
  EXPECT_EQ(stats->documents, 2);
  EXPECT_EQ(stats->failed_documents, 1);
  EXPECT_EQ(stats->pages, 3);
  EXPECT_TRUE(Search("tien yen").empty());
  Result<std::vector<DocumentRecord>> documents = catalog_->Documents();
  ASSERT_TRUE(documents.ok());
  ASSERT_EQ(documents->size(), 3u);
  EXPECT_EQ((*documents)[0].input_path, "in/article.jpg");
  EXPECT_EQ((*documents)[0].status, "failed");
  EXPECT_EQ((*documents)[0].error, "truncated JPEG");
  EXPECT_TRUE(catalog_->Optimize().ok());
}

TEST_F(CatalogTest, FileIsWalAndReopens) {
  catalog_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((folder_ / "catalog.sqlite").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &statement, nullptr);
  ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)), "wal");
  sqlite3_finalize(statement);
  sqlite3_close(db);
  Result<std::unique_ptr<Catalog>> reopened = OpenSqliteCatalog(folder_ / "catalog.sqlite");
  ASSERT_TRUE(reopened.ok());
  catalog_ = std::move(*reopened);
  EXPECT_EQ(Search("dong trieu").size(), 1u);
}

// The agency's name as the metadata spelled it (index/agency_lexicon.h) finds a document
// whose page text OCR garbled ('SỞ NỘI VỆ'), after the pages that hold the words as typed;
// a correction of the agency moves it, and a catalog written before the metadata was indexed
// gets it when opened.
TEST_F(CatalogTest, AgencyAsSpelledFindsDocumentsWhoseNameOcrGarbled) {
  Put("in/garbled.tif",
      {"UBND TỈNH QUẢNG NINH\nSỞ NỘI VỆ\nSố: 12/QĐ-SNV\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
       "Hạ Long, ngày 05 tháng 6 năm 2025\nQUYẾT ĐỊNH\nVề việc tuyển dụng viên chức\n"},
      "B");
  std::vector<SearchHit> hits = Search("Sở Nội vụ");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].input_path, "in/letter.pdf");
  EXPECT_EQ(hits[0].match, "exact");
  EXPECT_EQ(hits[1].input_path, "in/garbled.tif");
  EXPECT_EQ(hits[1].match, "metadata");
  EXPECT_EQ(hits[1].page, 1);
  EXPECT_EQ(hits[1].meta.agency, "SỞ NỘI VỤ");
  EXPECT_NE(hits[1].snippet.find("[SỞ NỘI VỤ]"), std::string::npos) << hits[1].snippet;
  EXPECT_LT(hits[1].score, hits[0].score);
  EXPECT_EQ(Search("so noi vu").size(), 2u);
  // Filters narrow the metadata tier too, and words excluded hold for the page's text.
  hits = Search("Sở Nội vụ type:\"quyết định\"");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].input_path, "in/garbled.tif");
  hits = Search("Sở Nội vụ -\"tuyển dụng\"");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].input_path, "in/letter.pdf");

  ASSERT_TRUE(catalog_->CorrectField("in/garbled.tif", 1, "agency", "SỞ TƯ PHÁP").ok());
  ASSERT_EQ(Search("Sở Nội vụ").size(), 1u);
  hits = Search("Sở Tư pháp");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].match, "metadata");

  // Dropped as a catalog before it would lack it: filled from the sections when opened.
  catalog_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((folder_ / "catalog.sqlite").c_str(), &db), SQLITE_OK);
  ASSERT_TRUE(RegisterVietnameseTokenizer(db).ok());  // the table's tokenizer, to drop it
  ASSERT_EQ(sqlite3_exec(db, "DROP TABLE sections_fts", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  Result<std::unique_ptr<Catalog>> reopened = OpenSqliteCatalog(folder_ / "catalog.sqlite");
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  catalog_ = std::move(*reopened);
  EXPECT_EQ(Search("Sở Tư pháp").size(), 1u);

  // Stored again, its old description leaves the index (the same version of the file keeps
  // its correction).
  Put("in/garbled.tif", {"BẢN TIN\nKhông có cơ quan.\n"}, "B");
  EXPECT_TRUE(Search("12/QĐ-SNV").empty());
  EXPECT_EQ(Search("Sở Tư pháp").size(), 1u);
  Put("in/article.jpg", {"SỞ Y TẾ\nSố: 7/TB-SYT\nTHÔNG BÁO\n"}, "A");
  EXPECT_EQ(Search("Sở Y tế").size(), 1u);
  Put("in/article.jpg", {kArticle}, "A");
  EXPECT_TRUE(Search("Sở Y tế").empty());
}

TEST(CatalogOpenTest, UnwritableLocationIsAnIoError) {
  Result<std::unique_ptr<Catalog>> catalog =
      OpenSqliteCatalog("/nonexistent-folder/sub/catalog.sqlite");
  ASSERT_FALSE(catalog.ok());
  EXPECT_EQ(catalog.status().code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace sohoa::index
