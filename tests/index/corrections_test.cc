// Corrections typed in by staff: stored as fields, searchable through the filters, clearing
// the review flag they answer, and re-applied when the same file is stored again.
#include <gtest/gtest.h>

#include <filesystem>

#include "index/catalog.h"
#include "index/metadata.h"
#include "tests/index/page_builder.h"
#include "tests/testing/fixtures.h"

namespace sohoa::index {
namespace {

namespace fs = std::filesystem;

// The hand-filled number was misread as 4† and the day was unreadable.
const char* kMisreadDecision =
    "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\nSố: 4/QĐ-UBND\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nQuảng Ninh, ngày 17 tháng 01 năm 2025\nQUYẾT ĐỊNH\n"
    "Về việc thành lập Tổ công nghệ số cộng đồng tại Đông Triều\n";

class CorrectionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = sohoa::testing::MakeTempDir("sohoa-corrections-test");
    Open();
    Put("sha-1");
  }
  void TearDown() override {
    catalog_.reset();
    fs::remove_all(folder_);
  }
  void Open() {
    catalog_.reset();
    Result<std::unique_ptr<Catalog>> catalog = OpenSqliteCatalog(folder_ / "catalog.sqlite");
    ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
    catalog_ = std::move(*catalog);
  }
  void Put(const std::string& sha256,
           const std::string& reason = "header number uncertain; low confidence (52)") {
    DocumentRecord record;
    record.input_path = "in/qd.tif";
    record.output_path = "out/qd.pdf";
    record.sha256 = sha256;
    std::vector<PageText> pages = {testing::PageFromText(kMisreadDecision),
                                   testing::PageFromText("Điều 1. Giao Sở Nội vụ.\n")};
    pages[0].quality.needs_review = true;
    pages[0].quality.review_reason = reason;
    Status status = catalog_->PutDocument(record, pages, ExtractMetadata({kMisreadDecision, ""}));
    ASSERT_TRUE(status.ok()) << status.ToString();
  }
  std::vector<SearchHit> Search(const std::string& query) {
    Result<std::vector<SearchHit>> hits = catalog_->Search(query, 10);
    EXPECT_TRUE(hits.ok()) << hits.status().ToString();
    return hits.ok() ? *hits : std::vector<SearchHit>{};
  }
  MetaField Field(const std::string& name) {
    Result<std::vector<MetaField>> fields = catalog_->SectionFields("in/qd.tif", 1);
    EXPECT_TRUE(fields.ok());
    for (const MetaField& field : fields.ok() ? *fields : std::vector<MetaField>{}) {
      if (field.name == name) return field;
    }
    return {};
  }
  long long PagesNeedingReview() {
    Result<CatalogStats> stats = catalog_->Stats();
    return stats.ok() ? stats->pages_needing_review : -1;
  }

  fs::path folder_;
  std::unique_ptr<Catalog> catalog_;
};

TEST_F(CorrectionsTest, CorrectedNumberIsFoundByItsFilterAndClearsItsReviewReason) {
  EXPECT_TRUE(Search("number:47/QĐ-UBND").empty());
  EXPECT_EQ(PagesNeedingReview(), 1);
  ASSERT_TRUE(catalog_->CorrectField("in/qd.tif", 2, "number", "47/QĐ-UBND").ok());

  std::vector<SearchHit> hits = Search("number:47/qđ-ubnd");
  ASSERT_EQ(hits.size(), 2u);  // both pages of the decision
  EXPECT_EQ(hits[0].meta.number, "47/QĐ-UBND");
  EXPECT_EQ(hits[0].meta.symbol, "QĐ-UBND");
  EXPECT_TRUE(Search("number:4/QĐ-UBND").empty());
  const MetaField number = Field("number");
  EXPECT_EQ(number.value, "47/QĐ-UBND");
  EXPECT_EQ(number.source, "corrected");
  EXPECT_FLOAT_EQ(number.confidence, 100);
  // The other reason still holds the page on the review list.
  EXPECT_EQ(PagesNeedingReview(), 1);
  ASSERT_TRUE(catalog_->CorrectField("in/qd.tif", 1, "note", "seal checked").ok());
  EXPECT_EQ(Field("note").value, "seal checked");
}

TEST_F(CorrectionsTest, LastReasonAnsweredTakesThePageOffTheReviewList) {
  Put("sha-1", "header number uncertain; header day uncertain; document date not read");
  ASSERT_TRUE(catalog_->CorrectField("in/qd.tif", 1, "number", "47/QĐ-UBND").ok());
  EXPECT_EQ(PagesNeedingReview(), 1);
  ASSERT_TRUE(catalog_->CorrectField("in/qd.tif", 1, "date", "2025-01-17").ok());
  EXPECT_EQ(PagesNeedingReview(), 0);
}

TEST_F(CorrectionsTest, CorrectionSurvivesStoringTheSameFileAgainButNotAChangedOne) {
  ASSERT_TRUE(catalog_->CorrectField("in/qd.tif", 1, "date", "2025-01-27").ok());
  ASSERT_EQ(Search("from:2025-01-27 to:2025-01-27").size(), 2u);
  Open();  // a later process
  Put("sha-1");
  ASSERT_EQ(Search("from:2025-01-27 to:2025-01-27").size(), 2u);
  EXPECT_EQ(Field("date").source, "corrected");
  Put("sha-2");  // the file was rescanned: its own reading counts again
  EXPECT_TRUE(Search("from:2025-01-27 to:2025-01-27").empty());
  EXPECT_EQ(Search("from:2025-01-17 to:2025-01-17").size(), 2u);
}

TEST_F(CorrectionsTest, UnknownDocumentOrBadFieldNameIsAnError) {
  Status missing = catalog_->CorrectField("in/other.tif", 1, "number", "1/QĐ");
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);
  EXPECT_NE(missing.message().find("in/other.tif"), std::string::npos);
  EXPECT_EQ(catalog_->CorrectField("in/qd.tif", 9, "number", "1/QĐ").code(), StatusCode::kNotFound);
  EXPECT_EQ(catalog_->CorrectField("in/qd.tif", 1, "Số; DROP", "1").code(),
            StatusCode::kInvalidInput);
}

}  // namespace
}  // namespace sohoa::index
