// Stamp values kept as fields of their own (issue 7), their storage in the catalog, and headers
// pushed down or partly covered by stamps.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "index/catalog.h"
#include "index/metadata.h"
#include "tests/index/page_builder.h"
#include "tests/testing/fixtures.h"

namespace sohoa::index {
namespace {

const char* kStampedDecision =
    "HỎA TỐC\n"
    "ỦY BAN NHÂN DÂN HUYỆN BÌNH LIÊU\n"
    "CÔNG VĂN ĐẾN\n"
    "Số: 2352\n"
    "Ngày: 21/3/18\n"
    "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "TỈNH QUẢNG NINH Độc lập - Tự do - Hạnh phúc\n"
    "Số: 47/QĐ-UBND Quảng Ninh, ngày 17 tháng 01 năm 2025\n"
    "QUYẾT ĐỊNH\n"
    "Về việc ban hành Kế hoạch chuyển đổi số\n";

TEST(MetadataFieldsTest, StampValuesAreFieldsNotTheDocuments) {
  std::vector<MetadataSection> sections = ExtractMetadata({kStampedDecision});
  ASSERT_EQ(sections.size(), 1u);
  const DocumentMeta& meta = sections[0].meta;
  EXPECT_EQ(meta.number, "47/QĐ-UBND");
  EXPECT_EQ(meta.date, "2025-01-17");
  EXPECT_EQ(meta.type, "QUYẾT ĐỊNH");
  EXPECT_EQ(meta.Field("received_number"), "2352");
  EXPECT_EQ(meta.Field("received_date"), "2018-03-21");
  EXPECT_EQ(meta.Field("urgency"), "HỎA TỐC");
  EXPECT_EQ(meta.Field("signed_at"), "");
  ASSERT_EQ(meta.fields.size(), 3u);
  EXPECT_EQ(meta.fields[0].name, "urgency");
  EXPECT_EQ(meta.fields[1].source, "stamp");
  EXPECT_FLOAT_EQ(meta.fields[2].confidence, 70);
}

// A digital signature's block (OCR'd, its label broken by a speck) and a stamp date without a
// year; the signing time's date is never the document's.
TEST(MetadataFieldsTest, SigningTimeAndYearlessStampDate) {
  const std::string page =
      "Ký bởi: Ủy ban nhân dân tỉnh Quảng Ninh\n"
      "Cơ quan: Tỉnh Quảng Ninh\n"
      ".Thời ¡gian ký: 06/05/2024 16:59:22\n"
      "ĐẾN\n"
      "Số 5165\n"
      "Ngày: 31/7\n"
      "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "Số: 88/CT-UBND Quảng Ninh, ngày tháng năm 2024\n"
      "CHỈ THỊ\n";
  const DocumentMeta meta = ExtractMetadata({page}).at(0).meta;
  EXPECT_EQ(meta.number, "88/CT-UBND");
  EXPECT_EQ(meta.date, "");
  EXPECT_EQ(meta.Field("signed_at"), "2024-05-06T16:59:22");
  EXPECT_EQ(meta.Field("received_number"), "5165");
  EXPECT_EQ(meta.Field("received_date"), "--07-31");
  EXPECT_EQ(meta.Field("urgency"), "");
}

// A stamp over the header adds short specks as lines and pushes the header down; the title is
// lost under it, but 'Kính gửi' marks a công văn; a date quoted in the body is not taken.
TEST(MetadataFieldsTest, HeaderUnderStampSpecks) {
  std::string page;
  for (const char* speck : {"TÍ", "©", "x z C", "T", "F", "CA", "LÀ", "ĐẾN H", "A", "Ệ"}) {
    page += std::string(speck) + "\n";
  }
  page +=
      "ỦY BAN NHÂN DÂN THÀNH PHỐ HẠ LONG\n"
      "Ngày: 27 CVC\n"
      "UBND TỈNH QUẢNG NINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "SỞ NỘI VỤ Độc lập - Tự do - Hạnh phúc\n"
      "Số: 874/SNV-CCVC\n"
      "Quảng Ninh, ngày 24 tháng 7 năm-2024\n"
      "số hóa hồ sơ cán bộ, công chức, viên chức\n"
      "Kính gửi: Các sở, ban, ngành thuộc tỉnh\n"
      "Hoàn thành trước ngày 30 tháng 5 năm 2024.\n";
  const DocumentMeta meta = ExtractMetadata({page}).at(0).meta;
  EXPECT_EQ(meta.number, "874/SNV-CCVC");
  EXPECT_EQ(meta.date, "2024-07-24");
  EXPECT_EQ(meta.type, "CÔNG VĂN");

  // The place-less date line unread: the body's date is still not the document's.
  const DocumentMeta letter =
      ExtractMetadata({"ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                       "Số: 64/UBND-VHTT Quảng Yên, ngày (2 tháng 4\n"
                       "V/v gắn mã QR thông tin\n"
                       "Kính gửi: Phòng Văn hóa\n"
                       "hoàn thành trước ngày 30 tháng 5 năm 2024.\n"})
          .at(0)
          .meta;
  EXPECT_EQ(letter.date, "");
  EXPECT_EQ(letter.type, "CÔNG VĂN");
  // A speck before the type name.
  EXPECT_EQ(ExtractMetadata({"Số: 4033/TB-VPUBND\n.THÔNG BÁO\nKết luận\n"}).at(0).meta.type,
            "THÔNG BÁO");
}

TEST(MetadataFieldsTest, CatalogStoresFieldsAndOpensOlderCatalogs) {
  const std::filesystem::path folder = sohoa::testing::MakeTempDir("sohoa-fields-test");
  const std::filesystem::path path = folder / "catalog.sqlite";
  {
    Result<std::unique_ptr<Catalog>> catalog = OpenSqliteCatalog(path);
    ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
  }
  // A catalog written before the fields table existed (same schema version).
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "DROP TABLE fields", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);

  Result<std::unique_ptr<Catalog>> catalog = OpenSqliteCatalog(path);
  ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
  DocumentRecord record;
  record.input_path = "in/stamped.tif";
  const std::vector<std::string> texts = {kStampedDecision};
  ASSERT_TRUE((*catalog)
                  ->PutDocument(record, {testing::PageFromText(texts[0])}, ExtractMetadata(texts))
                  .ok());
  Result<std::vector<MetaField>> fields = (*catalog)->SectionFields("in/stamped.tif", 1);
  ASSERT_TRUE(fields.ok()) << fields.status().ToString();
  ASSERT_EQ(fields->size(), 3u);
  EXPECT_EQ((*fields)[1].name, "received_number");
  EXPECT_EQ((*fields)[1].value, "2352");
  EXPECT_FLOAT_EQ((*fields)[1].confidence, 60);
  EXPECT_EQ((*fields)[1].source, "stamp");
  EXPECT_EQ((*fields)[2].value, "2018-03-21");
  EXPECT_TRUE((*catalog)->SectionFields("in/other.tif", 1)->empty());

  // Replacing the document replaces its fields.
  ASSERT_TRUE((*catalog)
                  ->PutDocument(record, {testing::PageFromText("Số: 12/QĐ-UBND\nQUYẾT ĐỊNH\n")},
                                ExtractMetadata({"Số: 12/QĐ-UBND\nQUYẾT ĐỊNH\n"}))
                  .ok());
  EXPECT_TRUE((*catalog)->SectionFields("in/stamped.tif", 1)->empty());
  catalog->reset();
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace sohoa::index
