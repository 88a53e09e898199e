#include <gtest/gtest.h>

#include "index/agency_name.h"
#include "index/metadata.h"

namespace sohoa::index {
namespace {

// An incoming-mail stamp read above the header: its number and date are not the document's.
TEST(MetadataStampTest, IncomingStampNumberIsNotTheDocuments) {
  const std::string page =
      "ỦY BAN NHÂN DÂN HUYỆN BÌNH LIÊU\n"
      "CÔNG VĂN ĐẾN\n"
      "Số: 2352\n"
      "Ngày: 21/3/2025\n"
      "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "TỈNH QUẢNG NINH Độc lập - Tự do - Hạnh phúc\n"
      "Số: 47/QĐ-UBND Quảng Ninh, ngày 17 tháng 01 năm 2025\n"
      "QUYẾT ĐỊNH\n"
      "Về việc ban hành Kế hoạch chuyển đổi số\n";
  std::vector<MetadataSection> sections = ExtractMetadata({page});
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].meta.number, "47/QĐ-UBND");
  EXPECT_EQ(sections[0].meta.date, "2025-01-17");
}

// The document's own number unread: the stamp's still is not taken.
TEST(MetadataStampTest, StampNumberNotTakenWhenOwnNumberIsUnread) {
  const std::string page =
      "ĐẾN\n"
      "Số: 5510\n"
      "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "Quảng Ninh, ngày 11 tháng 3 năm 2025\n"
      "KẾ HOẠCH\n";
  std::vector<MetadataSection> sections = ExtractMetadata({page});
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].meta.number, "");
  EXPECT_EQ(sections[0].meta.date, "2025-03-11");
  EXPECT_EQ(sections[0].meta.type, "KẾ HOẠCH");
}

// The document's 'Số:' lost under the stamp's frame, its number read whole on a line of its
// own, and the agency's 'SỞ' read as a label: the number with its symbol is the document's,
// the stamp's own number still not.
TEST(MetadataStampTest, NumberWhoseLabelTheStampCoversIsRead) {
  const std::string page =
      "CÔNG VĂN ĐẾN\n"
      "Số: 2352\n"
      "UBND TỈNH QUẢNG NINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "SỐ THỒNG/TIN VÀ TRUYỀN THÔNG\n"
      "Độc lập - Tự do - Hạnh phúc\n"
      "1551/STTTT-BCVT\n"
      "Quảng Ninh, ngày 26 tháng 02 năm 2024\n"
      "V/v triển khai cấp chữ ký số công cộng\n";
  std::vector<MetadataSection> sections = ExtractMetadata({page});
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].meta.number, "1551/STTTT-BCVT");
  EXPECT_EQ(sections[0].meta.date, "2024-02-26");
  // A line opening with a date or a number whose symbol is no dash-joined codes is none.
  sections =
      ExtractMetadata({"CÔNG VĂN ĐẾN\nSố:\n2352/ĐẾN\n21/3/2018\n"
                       "Quảng Ninh, ngày 26 tháng 02 năm 2024\nQUYẾT ĐỊNH\n"});
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].meta.number, "");
}

// A plain 'Số: 12' (no symbol, no stamp) is still read.
TEST(MetadataStampTest, BareNumberWithoutStampIsKept) {
  std::vector<MetadataSection> sections =
      ExtractMetadata({"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12\nGIẤY MỜI\n"});
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].meta.number, "12");
}

// The page's text puts a stamp's lines among the agency's (the receiving body, its title, its
// date run into the superior body's line): the agency block read on its own stands instead.
TEST(MetadataStampTest, AgencyFromTheBlockReadOnItsOwn) {
  const std::string page =
      "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH\n"
      "CÔNG VĂN ĐẾN\n"
      "Ngày: 25/9 UBND TỈNH QUẢNG NINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "SỞ THÔNG TIN VÀ TRUYÊN THÔNG Độc lập - Tự do - Hạnh phúc\n"
      "Số: 26/QĐ-STTTT Quảng Ninh, ngày 24 tháng 9 năm 2024\n"
      "QUYẾT ĐỊNH\n";
  const std::vector<std::string> block = {"UBND TỈNH QUẢNG NINH", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"};
  std::vector<MetadataSection> sections = ExtractMetadata({page}, {block});
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].meta.agency_parent, "UBND TỈNH QUẢNG NINH");
  EXPECT_EQ(sections[0].meta.agency, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG");

  // Without the block, the page's text gives the stamp's words.
  sections = ExtractMetadata({page});
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_NE(sections[0].meta.agency_parent + sections[0].meta.agency,
            "UBND TỈNH QUẢNG NINHSỞ THÔNG TIN VÀ TRUYỀN THÔNG");

  // A block with nothing upper-case in it leaves the page's text to go by.
  sections = ExtractMetadata({page}, {{"Ngày: 25/9"}});
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_FALSE(sections[0].meta.agency.empty());
}

TEST(MetadataStampTest, NameFormCountsWellFormedAndMalformedWords) {
  auto form = [](const std::string& name) {
    const NameForm counted = NameFormOf(name);
    return std::pair(counted.well_formed, counted.malformed);
  };
  EXPECT_EQ(form("UBND TỈNH QUẢNG NINH"), std::pair(4, 0));
  EXPECT_EQ(form("CHI NHÁNH"), std::pair(2, 0));
  EXPECT_EQ(form("CHINHÁNH"), std::pair(0, 1));
  // A consonant alone is no syllable: a speck read as a letter.
  EXPECT_EQ(form("ỦY BAN NHÂN DÂN .C THÀNH PHỐ"), std::pair(6, 1));
}

// The block read on its own garbled where the stamp's ink stayed: the page's lines, free of the
// stamp's words and better formed, stand.
TEST(MetadataStampTest, AgencyFromThePageWhenTheBlockReadsWorse) {
  const std::string page =
      "NGÂN HÀNG NHÀ NƯỚC VIỆT NAM\n"
      "CHI NHÁNH TỈNH QUẢNG NINH\n"
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "Độc lập - Tự do - Hạnh phúc\n"
      "Số: 12/TB-QNI Quảng Ninh, ngày 24 tháng 9 năm 2024\n"
      "THÔNG BÁO\n";
  std::vector<MetadataSection> sections =
      ExtractMetadata({page}, {{"NGÂN HÀNG NHÀ NƯỚC VIỆT NAM", "CHINHÁNH TỈNH QUẢNG NINH"}});
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].meta.agency, "CHI NHÁNH TỈNH QUẢNG NINH");
  // As well formed: the block stands.
  sections =
      ExtractMetadata({page}, {{"NGÂN HÀNG NHÀ NƯỚC VIỆT NAM", "CHI NHÁNH KHU VỰC QUẢNG NINH"}});
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].meta.agency, "CHI NHÁNH KHU VỰC QUẢNG NINH");
}

// Marks OCR reads between and around a name's words are no part of the name (they hid it from
// the agency filter); the commas and dashes names are printed with stay.
TEST(MetadataStampTest, NameLinesWithoutMarksReadAmongTheWords) {
  EXPECT_EQ(CleanNameLine("zỦY,BAN NHÂN DÂN THỊ XÃ QUẢNG YÊN"), "ỦY BAN NHÂN DÂN THỊ XÃ QUẢNG YÊN");
  EXPECT_EQ(CleanNameLine("ỦY BAN NHÂN DÂN -'THÀNH PHỐ HẠ LONG"),
            "ỦY BAN NHÂN DÂN THÀNH PHỐ HẠ LONG");
  EXPECT_EQ(CleanNameLine("SỞ THÔNG TIN VÀ'TRUYỀN THÔNG"), "SỞ THÔNG TIN VÀ TRUYỀN THÔNG");
  EXPECT_EQ(CleanNameLine("ỦY BAN NHÂN DÂN '---- TỈNH QUẢNG NINH"),
            "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH");
  EXPECT_EQ(CleanNameLine("ỦY BAN NHÂN DÂN ĩ TỈNH QUẢNG NINH"), "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH");
  EXPECT_EQ(CleanNameLine("2/ỦY BAN NHÂN DÂN “HUYỆN BÌNH LIÊU"), "ỦY BAN NHÂN DÂN HUYỆN BÌNH LIÊU");
  EXPECT_EQ(CleanNameLine("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"), "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH");
  EXPECT_EQ(CleanNameLine("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"),
            "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI");
  EXPECT_EQ(CleanNameLine("BAN CHỈ ĐẠO 138"), "BAN CHỈ ĐẠO 138");
  EXPECT_EQ(CleanNameLine("BAN NHÂN DÂN “7TỈNH QUẢNG NINH"), "BAN NHÂN DÂN TỈNH QUẢNG NINH");
  EXPECT_EQ(CleanNameLine("“..-"), "");
}

TEST(MetadataStampTest, AgencyReadWithMarksIsTheNameWithout) {
  const std::string page =
      "UBND TỈNH QUẢNG NINH\n"
      "SỞ THÔNG TIN VÀ'TRUYỀN THÔNG\n"
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "Độc lập - Tự do - Hạnh phúc\n"
      "Số: 52/STTTT-VP Quảng Ninh, ngày 24 tháng 9 năm 2024\n"
      "V/v triển khai chữ ký số\n";
  const std::vector<MetadataSection> sections = ExtractMetadata({page});
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].meta.agency_parent, "UBND TỈNH QUẢNG NINH");
  EXPECT_EQ(sections[0].meta.agency, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG");
}

// The motto's first row read on the name's row, in part or misread: no part of the name.
TEST(MetadataStampTest, MottoPartsOnTheNamesRowAreCutOff) {
  auto agency_of = [](const std::string& first_row, const std::string& second_row) {
    const std::string page = first_row + "\n" + second_row +
                             "\nĐộc lập - Tự do - Hạnh phúc\n"
                             "Số: 47/QĐ-UBND Quảng Ninh, ngày 17 tháng 01 năm 2025\n"
                             "QUYẾT ĐỊNH\n";
    const std::vector<MetadataSection> sections = ExtractMetadata({page});
    return sections.empty() ? std::string("<none>") : sections[0].meta.agency;
  };
  EXPECT_EQ(agency_of("ỦY BAN NHÂN DÂN HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "HUYỆN BÌNH LIÊU"),
            "ỦY BAN NHÂN DÂN HUYỆN BÌNH LIÊU");
  EXPECT_EQ(agency_of("ỦY BAN NHÂN DÂN CORENIOA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "HUYỆN BÌNH LIÊU"),
            "ỦY BAN NHÂN DÂN HUYỆN BÌNH LIÊU");
  EXPECT_EQ(agency_of("ỦY BAN NHÂN DÂN CỘNG I", "THÀNH PHỐ ĐÔNG TRIỀU"),
            "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÔNG TRIỀU");
  // 'CÔNG' ends names; only 'CỘNG' is the motto's.
  EXPECT_EQ(agency_of("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "TỈNH QUẢNG NINH"),
            "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH QUẢNG NINH");
}

}  // namespace
}  // namespace sohoa::index
