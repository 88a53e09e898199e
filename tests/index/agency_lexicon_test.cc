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

TEST(AgencyLexiconTest, WordsNearNoStandardNameStay) {
  EXPECT_EQ(CorrectAgencyWords("PHÒNG NỘI VỤ"), "PHÒNG NỘI VỤ");
  EXPECT_EQ(CorrectAgencyWords("BAN CHỈ ĐẠO 138"), "BAN CHỈ ĐẠO 138");
  EXPECT_EQ(CorrectAgencyWords("CÔNG VĂN ĐẾN"), "CÔNG VĂN ĐẾN");
  EXPECT_EQ(CorrectAgencyWords(""), "");
}

}  // namespace
}  // namespace sohoa::index
