#include "index/metadata.h"

#include <gtest/gtest.h>

namespace sohoa::index {
namespace {

TEST(MetadataTest, DecisionHeaderWithParentAgency) {
  const std::string page =
      "UBND TỈNH QUẢNG NINH\nSỞ NỘI VỤ\nSố: 1309/QĐ-SNV\n"
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
      "Quảng Ninh, ngày 10 tháng 01 năm 2025\nQUYẾT ĐỊNH\n"
      "Về việc nâng bậc lương thường xuyên\nđối với ông Vi Văn Hải\n"
      "GIÁM ĐỐC SỞ NỘI VỤ\nCăn cứ Nghị định số 204/2004/NĐ-CP ngày 14 tháng 12 năm 2004;\n"
      "Nơi nhận:\n- Như Điều 3;\nGIÁM ĐỐC\nNguyễn Văn An\n";
  std::vector<MetadataSection> sections = ExtractMetadata({page});
  ASSERT_EQ(sections.size(), 1u);
  const DocumentMeta& meta = sections[0].meta;
  EXPECT_EQ(meta.number, "1309/QĐ-SNV");
  EXPECT_EQ(meta.symbol, "QĐ-SNV");
  EXPECT_EQ(meta.date, "2025-01-10");
  EXPECT_EQ(meta.place, "Quảng Ninh");
  EXPECT_EQ(meta.type, "QUYẾT ĐỊNH");
  EXPECT_EQ(meta.agency, "SỞ NỘI VỤ");
  EXPECT_EQ(meta.agency_parent, "UBND TỈNH QUẢNG NINH");
  EXPECT_EQ(meta.subject, "Về việc nâng bậc lương thường xuyên đối với ông Vi Văn Hải");
  EXPECT_EQ(meta.signer, "Nguyễn Văn An");
}

TEST(MetadataTest, OcrNoiseInNumberAndDate) {
  // 'S0', Icelandic Ð (U+00D0), handwritten gaps, a lost diacritic line and split digits.
  const std::string page =
      "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\nS0: 15 /QÐ-UBND\n"
      "CONG HOA XA HOI CHU NGHIA VIET NAM\nQuảng Ninh, ngay 1 5 thang 3 nam 2024\n"
      "QUYÉT ĐINH\nVề việc thành lập Tổ công tác\n";
  std::vector<MetadataSection> sections = ExtractMetadata({page});
  ASSERT_EQ(sections.size(), 1u);
  const DocumentMeta& meta = sections[0].meta;
  EXPECT_EQ(meta.number, "15/QĐ-UBND");
  EXPECT_EQ(meta.symbol, "QĐ-UBND");
  EXPECT_EQ(meta.date, "2024-03-15");
  EXPECT_EQ(meta.place, "Quảng Ninh");
  EXPECT_EQ(meta.type, "QUYẾT ĐỊNH");
  EXPECT_EQ(meta.agency, "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH");
  EXPECT_EQ(meta.agency_parent, "");
}

TEST(MetadataTest, LetterIsRecognisedByItsVvSubject) {
  const std::string page =
      "SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 56/STTTT-BCVT\nV/v triển khai cấp chữ ký số\n"
      "Zalo OA của các cơ quan\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "Độc lập - Tự do - Hạnh phúc\nHạ Long, ngày 26 tháng 2 năm 2024\n"
      "Kính gửi: Các sở, ban, ngành\n";
  const DocumentMeta meta = ExtractMetadata({page}).at(0).meta;
  EXPECT_EQ(meta.type, "CÔNG VĂN");
  EXPECT_EQ(meta.subject, "V/v triển khai cấp chữ ký số Zalo OA của các cơ quan");
  EXPECT_EQ(meta.date, "2024-02-26");
  EXPECT_EQ(meta.place, "Hạ Long");
}

TEST(MetadataTest, BodyDatesAndNumbersAreNotTheHeader) {
  const std::string page =
      "2\nCăn cứ Quyết định số 766/QĐ-TTg ngày 23/6/2022;\n"
      "Chiều ngày 14 tháng 8 năm 2024, đồng chí Phó Chủ tịch chủ trì cuộc họp.\n";
  std::vector<MetadataSection> sections = ExtractMetadata({page});
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_TRUE(sections[0].meta.empty());
}

// A streak down the page made OCR read the header in columns: the title block comes before
// the date row. The date row's shape ('Place, ngày ...') still finds it past the header; a
// body sentence quoting a date does not count.
TEST(MetadataTest, DateRowReadAfterTheTitle) {
  const std::string page =
      "ỦY BAN NHÂN DÂN HUYỆN BÌNH LIÊU\nsố: 425/TB-VPUBND\n.THÔNG BÁO\n"
      "Kết luận của đồng chí Phó Chủ tịch\nỦy ban nhân dân tỉnh\n"
      "Độc lập - Tự do - Hạnh phúc\nng Ninh, ngày 16 tháng\n09 năm 2024\n"
      "Chiều ngày 14 tháng 8 năm 2024, đồng chí Bùi Thị Lan Hương chủ trì cuộc họp\n";
  std::vector<MetadataSection> sections = ExtractMetadata({page});
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].meta.date, "2024-09-16");
  EXPECT_EQ(sections[0].meta.place, "ng Ninh");
  EXPECT_EQ(sections[0].meta.type, "THÔNG BÁO");
  // A place's letter OCR took for a digit still makes a place.
  sections =
      ExtractMetadata({"ỦY BAN NHÂN DÂN THỊ XÃ QUẢNG YÊN\nSố: 12/KH-UBND\nKẾ HOẠCH\n"
                       "Triển khai chuyển đổi số năm 2024\n"
                       "1ảng Yên, ngày 03 tháng 4 năm 2024\n"});
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].meta.date, "2024-04-03");
  const std::string body_only =
      "ỦY BAN NHÂN DÂN HUYỆN BÌNH LIÊU\nsố: 425/TB-VPUBND\n.THÔNG BÁO\n"
      "Kết luận của đồng chí Phó Chủ tịch\n"
      "Chiều ngày 14 tháng 8 năm 2024, đồng chí Bùi Thị Lan Hương chủ trì cuộc họp\n"
      "Thực hiện Kế hoạch của tỉnh, ngày 15 tháng 5 năm 2024 Sở đã báo cáo\n"
      "Hôm nay, ngày 20 tháng 5 năm 2024, tại trụ sở Ủy ban nhân dân huyện\n"
      "Xét đề nghị của Chủ tịch UBND thị xã tại phiếu trình số\n"
      "13/UB-TP, ngày 18 tháng 01 năm 1999.\n";
  sections = ExtractMetadata({body_only});
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].meta.date, "");
}

// The number row read after the title too (a stamp beside the header): a line that opens with
// the label and its colon and holds a numeral with a dash-joined symbol is the number, its
// last part split at a gap ('UB ND') joined again. Body lines citing numbers are not.
TEST(MetadataTest, NumberRowReadAfterTheTitle) {
  std::vector<MetadataSection> sections = ExtractMetadata(
      {"ỦY BAN NHÂN DÂN\nTHÀNH PHỐ ĐÔNG TRIỀU\nĐộc lập - Tự do - Hạnh phúc\nQUYẾT ĐỊNH\n"
       "Số: 135/QĐ-UB ND -\nĐông Triều, ngày 20 tháng 02 năm 2025\n"
       "Về việc kiện toàn Ban Chỉ đạo chuyển đổi số\n"});
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].meta.number, "135/QĐ-UBND");
  EXPECT_EQ(sections[0].meta.symbol, "QĐ-UBND");
  EXPECT_EQ(sections[0].meta.date, "2025-02-20");
  EXPECT_EQ(sections[0].meta.agency, "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÔNG TRIỀU");
  for (const char* body : {"số 1813/QĐ-TTg ngày 28 tháng 10 năm 2021 của Thủ tướng Chính phủ;\n",
                           "Căn cứ Quyết định số: 1813/QĐ-TTg ngày 28 tháng 10 năm 2021;\n",
                           "Số: 2352\nNgày: 21/3\n"}) {
    sections = ExtractMetadata(
        {std::string("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ ĐÔNG TRIỀU\nQUYẾT ĐỊNH\n") + body});
    ASSERT_EQ(sections.size(), 1u);
    EXPECT_EQ(sections[0].meta.number, "") << body;
  }
}

// A stamp over the date row's 'ngày' and place ('ày lại 19 tháng 09 năm 2024'): the row still
// comes before the body's dates, and its day before 'tháng' is the document's.
TEST(MetadataTest, HeaderDateRowWithoutNgayComesBeforeTheBodys) {
  const std::string page =
      "VĂN PHÒNG\nSố: 529/TB-VPUBND\nUBND TỈNH QUẢNG NINH\n"
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
      "ày lại 19 tháng 09 năm 2024\nKết luận của đồng chí Phó Chủ tịch\n"
      "Chiều ngày 14 tháng 8 năm 2024, đồng chí Bùi Thị Lan Hương chủ trì cuộc họp\n";
  std::vector<MetadataSection> sections = ExtractMetadata({page});
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].meta.date, "2024-09-19");
  // The date row whole ('Place, ngày ...') wins wherever it is.
  sections =
      ExtractMetadata({"VĂN PHÒNG\nSố: 529/TB-VPUBND\n19 tháng 09 năm 2024\n"
                       "Quảng Ninh, ngày 14 tháng 8 năm 2024\n"});
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].meta.date, "2024-08-14");
}

// A stamp over the title: the symbol's type code tells the type; a công văn's symbol opens with
// its body's code, and 'Kính gửi:' still tells it.
TEST(MetadataTest, TypeFromTheSymbolWhenNoTitleIsRead) {
  auto type_of = [](const std::string& page) { return ExtractMetadata({page}).at(0).meta.type; };
  EXPECT_EQ(type_of("VĂN PHÒNG\nSố: 529/TB-VPUBND\nQuảng Ninh, ngày 19 tháng 9 năm 2024\n"
                    "Kết luận của đồng chí Phó Chủ tịch\n"),
            "THÔNG BÁO");
  EXPECT_EQ(type_of("ỦY BAN NHÂN DÂN\nSố: 47/QĐ-UBND\nQuảng Ninh, ngày 19 tháng 9 năm 2024\n"
                    "Căn cứ Luật Tổ chức chính quyền địa phương\n"),
            "QUYẾT ĐỊNH");
  EXPECT_EQ(type_of("ỦY BAN NHÂN DÂN\nSố: 47/UBND-VHTT\nQuảng Ninh, ngày 19 tháng 9 năm 2024\n"
                    "Kính gửi: Sở Nội vụ\n"),
            "CÔNG VĂN");
  EXPECT_EQ(type_of("ỦY BAN NHÂN DÂN\nSố: 47/UBND\nQuảng Ninh, ngày 19 tháng 9 năm 2024\n"), "");
  // The title read wins over the code.
  EXPECT_EQ(type_of("ỦY BAN NHÂN DÂN\nSố: 47/TB-UBND\nQuảng Ninh, ngày 19 tháng 9 năm 2024\n"
                    "KẾ HOẠCH\n"),
            "KẾ HOẠCH");
}

TEST(MetadataTest, PersonnelFormThenDecisionMakeTwoSections) {
  const std::string form =
      "Mẫu 2C-BNV/2008\nCơ quan, đơn vị sử dụng CBCC: Sở Nội vụ tỉnh Quảng Ninh\n"
      "Ảnh 3x4\nSƠ YẾU LÝ LỊCH\n(Dùng cho cán bộ, công chức, viên chức)\n"
      "1) Họ và tên khai sinh (viết chữ in hoa): TRẦN VĂN LONG\n2) Giới tính: Nam\n"
      "3) Ngày sinh: 03/02/1979\n8) Số CCCD: 022079287461 Ngày cấp: 26/07/2021\n"
      "13) Đơn vị công tác: Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh\n";
  const std::string form_page_two =
      "Quảng Ninh, ngày 04 tháng 3 năm 2024\nNGƯỜI KHAI\n(Ký, ghi rõ họ tên)\n";
  const std::string decision =
      "UBND TỈNH QUẢNG NINH\nTRUNG TÂM PHỤC VỤ\nHÀNH CHÍNH CÔNG\nSố: 509/QĐ-TTPVHCC\n"
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nQuảng Ninh, ngày 07 tháng 8 năm 2024\nQUYẾT ĐỊNH\n";
  std::vector<MetadataSection> sections = ExtractMetadata({form, form_page_two, decision});
  ASSERT_EQ(sections.size(), 2u);
  EXPECT_EQ(sections[0].first_page, 1);
  EXPECT_EQ(sections[0].last_page, 2);
  EXPECT_EQ(sections[0].meta.type, "SƠ YẾU LÝ LỊCH");
  EXPECT_EQ(sections[0].meta.person_name, "TRẦN VĂN LONG");
  EXPECT_EQ(sections[0].meta.birth_date, "1979-02-03");
  EXPECT_EQ(sections[0].meta.unit, "Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh");
  EXPECT_EQ(sections[1].first_page, 3);
  EXPECT_EQ(sections[1].meta.number, "509/QĐ-TTPVHCC");
  EXPECT_EQ(sections[1].meta.agency, "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG");
  EXPECT_EQ(sections[1].meta.agency_parent, "UBND TỈNH QUẢNG NINH");
  EXPECT_EQ(sections[1].meta.date, "2024-08-07");
}

// Misread and split abbreviations of the symbol come back as the standard ones
// (index/document_symbols.h); a trailing bar OCR made of a speck goes.
TEST(MetadataTest, SymbolPartsMisreadOrSplit) {
  auto number_of = [](const std::string& number_line) {
    const std::string page = "UBND TỈNH QUẢNG NINH\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\n" + number_line +
                             "\nQuảng Ninh, ngày 10 tháng 01 năm 2025\nQUYẾT ĐỊNH\n"
                             "Về việc công bố danh mục\n";
    const std::vector<MetadataSection> sections = ExtractMetadata({page});
    return sections.empty() ? std::string("(none)") : sections[0].meta.number;
  };
  EXPECT_EQ(number_of("Số: 32/QĐ-S TTTI"), "32/QĐ-STTTT");
  EXPECT_EQ(number_of("Số: 123/QĐ-STTTI"), "123/QĐ-STTTT");
  EXPECT_EQ(number_of("Số: 520/Qb-UBND"), "520/QĐ-UBND");
  EXPECT_EQ(number_of("Số: 09/KH-UBND|"), "09/KH-UBND");
  EXPECT_EQ(number_of("Số: 130/2018/NĐ-CP"), "130/2018/NĐ-CP");
  EXPECT_EQ(number_of("Số: 04/QĐ-BCĐ138"), "04/QĐ-BCĐ138");
  // A pen stroke's start or a speck read as a mark after the label's colon.
  EXPECT_EQ(number_of("Số:- 795/QĐ-UBND"), "795/QĐ-UBND");
  EXPECT_EQ(number_of("Số: ~ 795/QĐ-UBND"), "795/QĐ-UBND");
  // OCR noise in the shape of a number is none: the document goes to review instead.
  EXPECT_EQ(number_of("Số: 2/Z2/SNV-CCVC"), "");
  EXPECT_EQ(number_of("Số: 16/Z⁄Z"), "");
  // A word after the number that is no abbreviation's missing half stays out.
  EXPECT_EQ(number_of("Số: 47/QĐ-UBND Hạ Long"), "47/QĐ-UBND");
  EXPECT_EQ(number_of("Số: 47/QĐ-SNV CCVC"), "47/QĐ-SNV");
}

// The symbol's codes checked against the title and the date: another type's code one capital
// off the title's, and a people's committee's 'UB' (the 'ND' under a stamp's edge) in a
// document of this century, read as the codes they must be. The agency as spelled counts
// where its first line was garbled.
TEST(MetadataTest, SymbolCodesFitTheTitleAndTheDate) {
  auto number_of = [](const std::string& agency, const std::string& number_line,
                      const std::string& year, const std::string& title) {
    const std::string page = agency + "\n" + number_line + "\nQuảng Ninh, ngày 10 tháng 01 năm " +
                             year + "\n" + title + "\nVề việc công bố danh mục\n";
    const std::vector<MetadataSection> sections = ExtractMetadata({page});
    return sections.empty() ? std::string("(none)") : sections[0].meta.number;
  };
  const std::string committee = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH";
  EXPECT_EQ(number_of(committee, "Số: 826/QĐ-UB", "2025", "QUYẾT ĐỊNH"), "826/QĐ-UBND");
  EXPECT_EQ(number_of(committee, "Số: 103/CĐ-UB", "2024", "QUYẾT ĐỊNH"), "103/QĐ-UBND");
  EXPECT_EQ(number_of("VĂN PHÒNG UBND TỈNH", "Số: 4351/PB-VPUBND", "2024", "THÔNG BÁO"),
            "4351/TB-VPUBND");
  // The agency's first line cut by a stamp ('ỦY BAN NHÂN' / 'N HÀNG NG'): its lines as read
  // name no 'UBND', the agency the metadata spells from them does.
  EXPECT_EQ(number_of("ỦY BAN NHÂN\nN HÀNG NG", "Số: 826/QĐ-U", "2025", "QUYẾT ĐỊNH"),
            "826/QĐ-UBND");
  EXPECT_EQ(number_of(committee, "Số: 826/QĐ-UB", "1998", "QUYẾT ĐỊNH"), "826/QĐ-UB");
  EXPECT_EQ(number_of(committee, "Số: 826/CĐ-UBND", "2025", "CÔNG ĐIỆN"), "826/CĐ-UBND");
}

// A stamp's letters between the day and 'tháng', a stroke read as a digit before the year.
TEST(MetadataTest, DateWithJunkBeforeThangOrYear) {
  auto date_of = [](const std::string& date_line) {
    const std::string page = "UBND TỈNH QUẢNG NINH\nSố: 12/QĐ-UBND\n" + date_line +
                             "\nQUYẾT ĐỊNH\nVề việc công bố danh mục\n";
    const std::vector<MetadataSection> sections = ExtractMetadata({page});
    return sections.empty() ? std::string("(none)") : sections[0].meta.date;
  };
  EXPECT_EQ(date_of("Quảng Ninh, ngày 29 PA: tháng 10 năm 2024"), "2024-10-29");
  EXPECT_EQ(date_of("Quảng Ninh, ngày 08 : OẾ tháng 3 năm 2024"), "2024-03-08");
  EXPECT_EQ(date_of("Quảng Ninh, ngày 20 tháng '9 năm 2024"), "2024-09-20");
  EXPECT_EQ(date_of("Quảng Ninh, ngày 02 tháng 9 nấm 12024"), "2024-09-02");
  EXPECT_EQ(date_of("Quảng Ninh, ngày 02 tháng 9 năm 2024 10"), "2024-09-02");
  // The thin 'h' of 'tháng' lost, the diacritics of 'năm' misread.
  EXPECT_EQ(date_of("Quảng Ninh, ngày 18 táng 9 năm 2024"), "2024-09-18");
  EXPECT_EQ(date_of("Quảng Ninh, ngày 12 tiếng 9 năm 2024"), "2024-09-12");
  EXPECT_EQ(date_of("Quảng Ninh, ngày 08 tháng 7 näằ 2024"), "2024-07-08");
  // Its 'm' read as two letters.
  EXPECT_EQ(date_of("Quảng Ninh, ngày 21 tháng 02 nãnn 2024"), "2024-02-21");
  EXPECT_EQ(date_of("Quảng Ninh, ngày 21 tháng 02 narn 2024"), "2024-02-21");
  // Its 'n' read as an 'r' (the right leg lost), a speck or a stamp's mark before it.
  EXPECT_EQ(date_of("Quảng Ninh, ngày 08 tháng 01 :răm 2025"), "2025-01-08");
  EXPECT_EQ(date_of("Quảng Ninh, ngày 08 tháng 01 /năm 2025"), "2025-01-08");
  EXPECT_EQ(date_of("Quảng Ninh, ngày 08 tháng 7 của 2024"), "");
  // A word between them is no speck: 'ngày 5 của tháng' is no header date.
  EXPECT_EQ(date_of("Quảng Ninh, ngày 5 trong tháng 9 năm 2024"), "");
  // A pen's 1 after the month's first digit read as a bracket or a bar.
  EXPECT_EQ(date_of("Quảng Ninh, ngày 21 tháng 0] năm 2025"), "2025-01-21");
  EXPECT_EQ(date_of("Quảng Ninh, ngày 21 tháng 1| năm 2025"), "2025-11-21");
  // A day the month has not is a misreading; 29 February is one in a leap year only.
  EXPECT_EQ(date_of("Quảng Ninh, ngày 30 tháng 02 năm 2024"), "");
  EXPECT_EQ(date_of("Quảng Ninh, ngày 31 tháng 4 năm 2024"), "");
  EXPECT_EQ(date_of("Quảng Ninh, ngày 29 tháng 02 năm 2024"), "2024-02-29");
  EXPECT_EQ(date_of("Quảng Ninh, ngày 29 tháng 02 năm 2025"), "");
}

TEST(MetadataTest, EmptyAndHeaderlessInput) {
  EXPECT_TRUE(ExtractMetadata({}).empty());
  std::vector<MetadataSection> sections = ExtractMetadata({"", "bản tin\n"});
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].last_page, 2);
}

// Misreadings seen in Tesseract output of vn-public headers.
TEST(MetadataTest, OcrMisreadingsOfLabelDayAndSymbol) {
  const std::string lost_s =
      "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "là XÃ QUẢNG YÊN Độc lập - Tự do - Hạnh phúc\n"
      "õ: 4451/UBND-VHTT Quảng Yên, ngày 24 tháng 4 năm 2024\n"
      ".. V/v gắn mã QR thông tin tại các điểm di\n"
      "Kính gửi: - Phòng Văn hóa và Thông tin thị xã;\n";
  const DocumentMeta letter = ExtractMetadata({lost_s}).at(0).meta;
  EXPECT_EQ(letter.number, "4451/UBND-VHTT");
  EXPECT_EQ(letter.date, "2024-04-24");
  EXPECT_EQ(letter.type, "CÔNG VĂN");
  EXPECT_EQ(letter.subject, "V/v gắn mã QR thông tin tại các điểm di");

  const std::string doubled =
      "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "TỈNH QUẢNG NINH Độc lập - Tự do - Hạnh phúc\n"
      "Số: 04/QĐÐ-UBND Quảng Ninh, ngày l7 tháng 02 năm 2025\n"
      "QUYẾT ĐỊNH\n";
  const DocumentMeta decision = ExtractMetadata({doubled}).at(0).meta;
  EXPECT_EQ(decision.number, "04/QĐ-UBND");
  EXPECT_EQ(decision.symbol, "QĐ-UBND");
  EXPECT_EQ(decision.date, "2025-02-17");
  EXPECT_EQ(decision.type, "QUYẾT ĐỊNH");
  EXPECT_EQ(decision.place, "Quảng Ninh");
  EXPECT_EQ(letter.place, "Quảng Yên");

  // A body line starting with 'o:' and no numeral with '/' is not a number label.
  const DocumentMeta body = ExtractMetadata({"o: 12 người tham dự\n"}).at(0).meta;
  EXPECT_EQ(body.number, "");
}

// A hand-filled numeral and day on their own baselines split the header's rows into lines.
// The year read a digit short ('202“', a pen stroke over its last digit) is the one year the
// document writes elsewhere that it completes; with two, or none, the date stays unread.
TEST(MetadataTest, YearReadADigitShortIsCompletedFromTheDocument) {
  auto date_of = [](const std::string& date_line, const std::string& body) {
    const std::string page = "UBND HUYỆN BÌNH LIÊU\nSố: 2094/KH-UBND\n" + date_line +
                             "\nKẾ HOẠCH\nHỗ trợ người dân kích hoạt tài khoản\n" + body + "\n";
    const std::vector<MetadataSection> sections = ExtractMetadata({page});
    return sections.empty() ? std::string("(none)") : sections[0].meta.date;
  };
  const std::string line = "Bình Liêu, ngày 06 tháng 6 năm 202“";
  EXPECT_EQ(date_of(line, "tại các thôn, bản năm 2024"), "2024-06-06");
  // The lost digit in the middle: '204' of 2024.
  EXPECT_EQ(date_of("Bình Liêu, ngày 06 tháng 6 năm 204", "trong năm 2024"), "2024-06-06");
  // Only a year after 'năm' counts: the number's 2094 would complete '204' too.
  EXPECT_EQ(date_of(line, "Căn cứ Nghị định năm 2022; kế hoạch năm 2024"), "");
  EXPECT_EQ(date_of(line, "không có năm nào"), "");
  // Not a place's date row: no comma before 'ngày'.
  EXPECT_EQ(date_of("Bình Liêu ngày 06 tháng 6 năm 202“", "năm 2024"), "");
}

TEST(MetadataTest, NumberAndDateSplitOverLines) {
  const std::string page =
      "UBND TỈNH QUẢNG NINH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nVĂN PHÒNG\n"
      "Độc lập - Tự do - Hạnh phúc\nSố:\n3254/TB-VPUBND\nQuảng Ninh, ngày 17\ntháng\n"
      "1 năm 2024\nTHÔNG BÁO\nKết luận của đồng chí Chủ tịch\n";
  const DocumentMeta meta = ExtractMetadata({page}).at(0).meta;
  EXPECT_EQ(meta.number, "3254/TB-VPUBND");
  EXPECT_EQ(meta.date, "2024-01-17");
  EXPECT_EQ(meta.place, "Quảng Ninh");
  EXPECT_EQ(meta.type, "THÔNG BÁO");
  const DocumentMeta year_below =
      ExtractMetadata({"ỦY BAN NHÂN DÂN\nSố: 76/UBND-TTTT\nQuảng Ninh, ngày 5 tháng 07\n"
                       "năm 2024\nV/v đẩy mạnh sử dụng trang Zalo OA\n"})
          .at(0)
          .meta;
  EXPECT_EQ(year_below.number, "76/UBND-TTTT");
  EXPECT_EQ(year_below.date, "2024-07-05");
  // The month read glued to 'tháng', a speck before 'năm' opening the next line.
  EXPECT_EQ(ExtractMetadata({"ỦY BAN NHÂN DÂN\nSố: 76/UBND-TTTT\nQuảng Ninh, ngày 21 tháng01\n"
                             "/năm 2025\nV/v đẩy mạnh sử dụng trang Zalo OA\n"})
                .at(0)
                .meta.date,
            "2025-01-21");
  // A date in the body that starts on a later line is not the header's.
  const DocumentMeta body = ExtractMetadata({"ỦY BAN NHÂN DÂN\nSố: 7/UBND\nQuảng Ninh, ngày\n"
                                             "Căn cứ Luật ngày 19 tháng 6 năm 2015;\n"})
                                .at(0)
                                .meta;
  EXPECT_EQ(body.date, "");
}

TEST(MetadataTest, LabelVariantsAndUnreadNgay) {
  const DocumentMeta glued =
      ExtractMetadata({"ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                       "_ Sð:643/UBND-VHTT - Quảng Yên, ngày 02 tháng 4 năm 2024\n"})
          .at(0)
          .meta;
  EXPECT_EQ(glued.number, "643/UBND-VHTT");
  EXPECT_EQ(glued.date, "2024-04-02");
  const DocumentMeta six =
      ExtractMetadata({"ỦY BAN NHÂN DÂN\nS6: 88/CT-UBND\nQuảng Ninh, n¤ 24 tháng 4 năm 2024\n"})
          .at(0)
          .meta;
  EXPECT_EQ(six.number, "88/CT-UBND");
  EXPECT_EQ(six.date, "2024-04-24");
  const DocumentMeta quoted =
      ExtractMetadata({"ỦY BAN NHÂN DÂN\nsố“ 354/QĐÐ-UBND\nHạ Long, ngày 15 tháng 4 năm 2024\n"})
          .at(0)
          .meta;
  EXPECT_EQ(quoted.number, "354/QĐ-UBND");
}

// The stamp's own rows never lend the document a number, even split like the document's.
TEST(MetadataTest, StampNumberOnItsOwnLineIsNotTaken) {
  const std::string page =
      "CÔNG VĂN ĐẾN\nSố:\n2352/ĐẾN\nNgày: 21/3/18\nỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA\n"
      "Số: /QĐ-UBND Quảng Ninh, ngày tháng 01 năm 2025\nQUYẾT ĐỊNH\n";
  const DocumentMeta meta = ExtractMetadata({page}).at(0).meta;
  EXPECT_EQ(meta.number.find("2352"), std::string::npos) << meta.number;
  EXPECT_EQ(meta.date, "");
  EXPECT_EQ(meta.Field("received_date"), "2018-03-21");
}

// A stamp whose 'ĐẾN' was lost leaves a line 'CÔNG VĂN' above the header: it is neither the
// title nor the end of the header.
TEST(MetadataTest, StampHeadingWithoutDenIsNotTheTitle) {
  const std::string page =
      "CHI NHÁNH TỈNH QUẢNG NINH\nCÔNG VĂN\nUBND TỈNH QUẢNG NINH\n"
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nVĂN PHÒNG\nĐộc lập - Tự do - Hạnh phúc\n"
      "Số: 730/TB-VPUBND\nQuảng Ninh, ngày 09\ntháng 9 năm 2024\nTHÔNG BÁO\n"
      "Kết luận của đồng chí Phó Chủ tịch\n";
  const DocumentMeta meta = ExtractMetadata({page}).at(0).meta;
  EXPECT_EQ(meta.number, "730/TB-VPUBND");
  EXPECT_EQ(meta.type, "THÔNG BÁO");
  EXPECT_EQ(meta.date, "2024-09-09");
}

// A title read with a colon after it and one letter set apart ('THÔN G BÁO:') is the title.
TEST(MetadataTest, TitleWithTrailingMarkAndSplitWord) {
  const std::string page =
      "UBND TỈNH QUẢNG NINH\nVĂN PHÒNG\nSố:928/TB-VPUBND\n"
      "Quảng Ninh, ngày 23 tháng 08 năm 2024\nTHÔN G BÁO:\nKết luận của đồng chí\n";
  const DocumentMeta meta = ExtractMetadata({page}).at(0).meta;
  EXPECT_EQ(meta.type, "THÔNG BÁO");
  EXPECT_EQ(meta.number, "928/TB-VPUBND");
}

// A pen numeral written over the symbol's first capital ('Số: 9/B-VPUBND' for '09/TB-VPUBND'):
// the title says which type code it was.
TEST(MetadataTest, SymbolTypeCodeCompletedFromTheTitle) {
  const std::string page =
      "UBND TỈNH QUẢNG NINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "VĂN PHÒNG Độc lập - Tự do - Hạnh phúc\n"
      "Số: 9/B-VPUBND Quảng Ninh, ngày 14 tháng 3 năm 2024\nTHÔNG BÁO\nKết luận của\n";
  const DocumentMeta meta = ExtractMetadata({page}).at(0).meta;
  EXPECT_EQ(meta.number, "9/TB-VPUBND");
  EXPECT_EQ(meta.symbol, "TB-VPUBND");
}

}  // namespace
}  // namespace sohoa::index

namespace sohoa::index {
namespace {

// A numeral OCR garbled into letters gives no number (the document is flagged for review)
// rather than a wrong one; digits with a lost symbol still count.
TEST(MetadataTest, GarbledNumeralIsNotANumber) {
  const std::string header =
      "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH\nSố: {}\nQuảng Ninh, ngày 24 tháng 4 năm 2024\nCHỈ THỊ\n";
  auto number_of = [&](const std::string& written) {
    std::string page = header;
    page.replace(page.find("{}"), 2, written);
    return ExtractMetadata({page}).at(0).meta.number;
  };
  EXPECT_EQ(number_of("Z7/CT-UBND"), "");
  EXPECT_EQ(number_of("2Äjế"), "");
  EXPECT_EQ(number_of("88/CT-UBND"), "88/CT-UBND");
  EXPECT_EQ(number_of("01/2018/CT-UBND"), "01/2018/CT-UBND");
  // Specks and a rule's end after the symbol are read as trailing marks, not part of it.
  EXPECT_EQ(number_of("932/TB-VPUBND_"), "932/TB-VPUBND");
  EXPECT_EQ(number_of("932/TB-VPUBND-~"), "932/TB-VPUBND");
  EXPECT_EQ(number_of("15/QĐ-HĐND."), "15/QĐ-HĐND");
  // A speck read as a dash beside the symbol's own.
  EXPECT_EQ(number_of("96/QĐ- -UBND."), "96/QĐ-UBND");
  // A piece OCR read twice or from a pen stroke before the symbol; a year stays.
  EXPECT_EQ(number_of("366 /Qb. /QĐ-UBND"), "366/QĐ-UBND");
  EXPECT_EQ(number_of("01/2018/QĐ-UBND"), "01/2018/QĐ-UBND");
  EXPECT_EQ(number_of("15/HD/TW-BTG"), "");
  // A stamp's label ending read before the label.
  std::string page = header;
  page.replace(page.find("Số: {}"), 6, "L: Sô: 52/UBND-TTTT");
  EXPECT_EQ(ExtractMetadata({page}).at(0).meta.number, "52/UBND-TTTT");
  // A list item's mark is no such ending: a page opening '2. Số 15 ...' starts no document.
  EXPECT_EQ(ExtractMetadata({page, "2. Số 15 hồ sơ đã số hóa\nb. Số 3 còn lại\n"}).size(), 1u);
}

}  // namespace
}  // namespace sohoa::index
