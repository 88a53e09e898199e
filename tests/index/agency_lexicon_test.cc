#include "index/agency_lexicon.h"

#include <gtest/gtest.h>

namespace sohoa::index {
namespace {

TEST(AgencyLexiconTest, StandardNamesSpelledAsPrinted) {
  EXPECT_EQ(CorrectAgencyWords("SỞ THÔNG TỰ VÀ TRUYỀN THÔNG"), "SỞ THÔNG TIN VÀ TRUYỀN THÔNG");
  EXPECT_EQ(CorrectAgencyWords("SỞ THÔNG TINVÀ BUYỀN THÔNG"), "SỞ THÔNG TIN VÀ TRUYỀN THÔNG");
  EXPECT_EQ(CorrectAgencyWords("SỞ NỘI VỆ"), "SỞ NỘI VỤ");
  EXPECT_EQ(CorrectAgencyWords("ỦY BAN NHÂN DÂN THẲNH PHÕỐ HẠ LONG"),
            "ỦY BAN NHÂN DÂN THÀNH PHỐ HẠ LONG");
  EXPECT_EQ(CorrectAgencyWords("UY BẠN NHÀN DAN THANH PHO HẠ LONG"),
            "ỦY BAN NHÂN DÂN THÀNH PHỐ HẠ LONG");
  EXPECT_EQ(CorrectAgencyWords("NGAÀN HÀNG NHÀ NƯỚC VIỆT NAM CHINHÁNH TINH QUANG NINH"),
            "NGÂN HÀNG NHÀ NƯỚC VIỆT NAM CHI NHÁNH TỈNH QUẢNG NINH");
  EXPECT_EQ(CorrectAgencyWords("SỞ VĂN HÓA THỂ THAO VÀ DU LICH"),
            "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH");
}

TEST(AgencyLexiconTest, ProvinceOnlyAfterItsUnit) {
  EXPECT_EQ(CorrectAgencyWords("UBND TÍNH QUÁNG NINH"), "UBND TỈNH QUẢNG NINH");
  // Provinces lie close together ('QUẢNG NAM', 'QUẢNG NINH'): only marks are corrected.
  EXPECT_EQ(CorrectAgencyWords("TỈNH QUẢNG NẬU"), "TỈNH QUẢNG NẬU");
  EXPECT_EQ(CorrectAgencyWords("UBND TỈNH QUẬẢNG NINH"), "UBND TỈNH QUẬẢNG NINH");
  EXPECT_EQ(CorrectAgencyWords("UBND TỈNH QUANG BINH"), "UBND TỈNH QUẢNG BÌNH");
  // A district's or town's name is not in the lexicon: as read.
  EXPECT_EQ(CorrectAgencyWords("ỦY BAN NHÂN DÂN HUYỆN BÌNH LIÊU"),
            "ỦY BAN NHÂN DÂN HUYỆN BÌNH LIÊU");
  EXPECT_EQ(CorrectAgencyWords("ỦY BAN NHÂN DÂN THỊ XÃ QUẢNG YÊN"),
            "ỦY BAN NHÂN DÂN THỊ XÃ QUẢNG YÊN");
  // Equally near two provinces: left alone.
  EXPECT_EQ(CorrectAgencyWords("UBND TỈNH QUANG XINH"), "UBND TỈNH QUANG XINH");
}

TEST(AgencyLexiconTest, NameWhoseFirstLettersWereCutOff) {
  EXPECT_EQ(CorrectAgencyWords("BẠN NHÂN DÂN HUYỆN BÌNH LIÊU"), "ỦY BAN NHÂN DÂN HUYỆN BÌNH LIÊU");
  EXPECT_EQ(CorrectAgencyWords("Y BAN NHÂN DÂN HUYỆN BÌNH LIÊU"),
            "ỦY BAN NHÂN DÂN HUYỆN BÌNH LIÊU");
  EXPECT_EQ(CorrectAgencyWords("Í H UY BAN NHÂN DÂN TỈNH QUẢNG NINH"),
            "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH");
  // 'NHÂN DÂN' ends two bodies' names: which one is not known.
  EXPECT_EQ(CorrectAgencyWords("NHÂN DÂN TỈNH QUẢNG NINH"), "NHÂN DÂN TỈNH QUẢNG NINH");
  // Only at the name's start; a word alone may be a name of its own.
  EXPECT_EQ(CorrectAgencyWords("TỈNH QUẢNG NINH AN NHÂN DÂN"), "TỈNH QUẢNG NINH AN NHÂN DÂN");
  EXPECT_EQ(CorrectAgencyWords("AN NHÂN DÂN TỈNH QUẢNG NINH"), "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH");
  EXPECT_EQ(CorrectAgencyWords("NHÀ NƯỚC VIỆT NAM"), "NGÂN HÀNG NHÀ NƯỚC VIỆT NAM");
  // Of a name of two words, the end may be a name of its own.
  EXPECT_EQ(CorrectAgencyWords("NINH ANH DÂN"), "NINH ANH DÂN");
}

TEST(AgencyLexiconTest, UnitWhereOneIsDue) {
  // Right after a council's name a unit follows: one letter off is that unit.
  EXPECT_EQ(CorrectAgencyWords("ỦY BAN NHÂN DÂN TRỊ XÃ QUẢNG YÊN"),
            "ỦY BAN NHÂN DÂN THỊ XÃ QUẢNG YÊN");
  EXPECT_EQ(CorrectAgencyWords("ỦY BAN NHÂN DÂN HUYỆM BÌNH LIÊU"),
            "ỦY BAN NHÂN DÂN HUYỆN BÌNH LIÊU");
  // 'PHỐ' alone is what is left of 'THÀNH PHỐ'.
  EXPECT_EQ(CorrectAgencyWords("ỦY BAN NHÂN DÂN PHỐ HẠ LONG"), "ỦY BAN NHÂN DÂN THÀNH PHỐ HẠ LONG");
  // 'TỈNH' (four letters) one letter off only before a province as printed.
  EXPECT_EQ(CorrectAgencyWords("ỦY BAN NHÂN DÂN TỪNH QUẢNG NINH"),
            "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH");
  EXPECT_EQ(CorrectAgencyWords("UBND TỈÍNH QUẬNG NINH"), "UBND TỈNH QUẢNG NINH");
  EXPECT_EQ(CorrectAgencyWords("ỦY BAN NHÂN DÂN TỪNH QUẬẢNG NINH"),
            "ỦY BAN NHÂN DÂN TỪNH QUẬẢNG NINH");
  // 'QUẢNG' is one letter off 'QUẬN': a place's name after a lost unit stays as read.
  EXPECT_EQ(CorrectAgencyWords("ỦY BAN NHÂN DÂN QUẢNG NINH"), "ỦY BAN NHÂN DÂN QUẢNG NINH");
  // Not where no unit is due.
  EXPECT_EQ(CorrectAgencyWords("SỞ NỘI VỤ TRỊ XÃ"), "SỞ NỘI VỤ TRỊ XÃ");
}

TEST(AgencyLexiconTest, StampHeadingBeforeTheName) {
  EXPECT_EQ(CorrectAgencyWords("CÔNG VAN ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH"),
            "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH");
  EXPECT_EQ(CorrectAgencyWords("VĂN ĐEM ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH"),
            "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH");
  // A body's own first word stays: 'VĂN PHÒNG', 'CÔNG AN'.
  EXPECT_EQ(CorrectAgencyWords("VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH"), "VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH");
  EXPECT_EQ(CorrectAgencyWords("CÔNG AN TỈNH QUẢNG NINH"), "CÔNG AN TỈNH QUẢNG NINH");
  // The heading without a body's name after it is left as read.
  EXPECT_EQ(CorrectAgencyWords("CÔNG VĂN ĐẾN"), "CÔNG VĂN ĐẾN");
}

TEST(AgencyLexiconTest, StrayPrintAfterAWholeName) {
  EXPECT_EQ(CorrectAgencyWords("SỞ THÔNG TIN VÀ TRUYỀN THÔNG A ONG VẬN"),
            "SỞ THÔNG TIN VÀ TRUYỀN THÔNG");
  EXPECT_EQ(CorrectAgencyWords("SỞ NỘI VỤ Ï SNV CCVG"), "SỞ NỘI VỤ");
  EXPECT_EQ(CorrectAgencyWords("CHI NHÁNH TỈNH QUẢNG NINH SỞ T"), "CHI NHÁNH TỈNH QUẢNG NINH");
  // A council's name is not whole without its unit and place; well-formed words and numerals
  // after a name may be a body's own name or number.
  EXPECT_EQ(CorrectAgencyWords("ỦY BAN NHÂN DÂN GÓ0ẲNG NINH"), "ỦY BAN NHÂN DÂN GÓ0ẲNG NINH");
  EXPECT_EQ(CorrectAgencyWords("UBND TỈNH QUẢNG NINH BAN DÂN TỘC"),
            "UBND TỈNH QUẢNG NINH BAN DÂN TỘC");
  EXPECT_EQ(CorrectAgencyWords("BAN CHỈ ĐẠO 138"), "BAN CHỈ ĐẠO 138");
  // More than three words after it are more than a stamp's leftovers.
  EXPECT_EQ(CorrectAgencyWords("SỞ NỘI VỤ Ï SNV CCVG X"), "SỞ NỘI VỤ Ï SNV CCVG X");
}

TEST(AgencyLexiconTest, WordsNearNoStandardNameStay) {
  EXPECT_EQ(CorrectAgencyWords("PHÒNG NỘI VỤ"), "PHÒNG NỘI VỤ");
  EXPECT_EQ(CorrectAgencyWords("BAN CHỈ ĐẠO 138"), "BAN CHỈ ĐẠO 138");
  EXPECT_EQ(CorrectAgencyWords("CÔNG VĂN ĐẾN"), "CÔNG VĂN ĐẾN");
  EXPECT_EQ(CorrectAgencyWords(""), "");
}

}  // namespace
}  // namespace sohoa::index
