#include "index/document_number.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "index/keyed_line.h"

namespace sohoa::index {
namespace {

std::string AfterLabel(const std::string& line) {
  const KeyedLine keyed(line);
  const std::optional<size_t> end = NumberLabelEnd(keyed);
  return end ? keyed.Slice(*end, keyed.size()) : std::string("<no label>");
}

TEST(DocumentNumberTest, LabelAsPrintedAndAsMisread) {
  EXPECT_EQ(AfterLabel("Số: 15/QĐ-UBND"), "15/QĐ-UBND");
  EXPECT_EQ(AfterLabel("S0: 15/QĐ-UBND"), "15/QĐ-UBND");
  EXPECT_EQ(AfterLabel("Sô : 15/QĐ-UBND"), "15/QĐ-UBND");
  EXPECT_EQ(AfterLabel("Số 15/QĐ-UBND"), "15/QĐ-UBND");
  // A pen stroke's start after the colon, a stamp's label ending before the label.
  EXPECT_EQ(AfterLabel("Số:- 795/QĐ-UBND"), "795/QĐ-UBND");
  EXPECT_EQ(AfterLabel("Số:# 3216/QNI-TTKSNB"), "3216/QNI-TTKSNB");
  EXPECT_EQ(AfterLabel("Số:ƒ 718/QĐ-UBND"), "718/QĐ-UBND");
  EXPECT_EQ(AfterLabel("L: Sô: 52/UBND-TTTT"), "52/UBND-TTTT");
  // The S lost: only before a numeral with a slash.
  EXPECT_EQ(AfterLabel("õ: 4451/UBND-VHTT"), "4451/UBND-VHTT");
  EXPECT_EQ(AfterLabel("õ: tháng"), "<no label>");
}

TEST(DocumentNumberTest, NoLabelInBodyTextOrLists) {
  EXPECT_EQ(AfterLabel("Sở Nội vụ tỉnh Quảng Ninh"), "<no label>");
  EXPECT_EQ(AfterLabel("2. Số liệu báo cáo"), "<no label>");
  EXPECT_EQ(AfterLabel("Quyết định số 1813/QĐ-TTg"), "<no label>");
}

TEST(DocumentNumberTest, CleansWhatOcrReadsAroundTheNumber) {
  EXPECT_EQ(CleanNumber("47 / QĐ - UBND"), "47/QĐ-UBND");
  EXPECT_EQ(CleanNumber("643/UBND-VHTT - Quảng Yên, ngày 3"), "643/UBND-VHTT");
  EXPECT_EQ(CleanNumber("366/Qb./QĐ-UBND"), "366/QĐ-UBND");
  EXPECT_EQ(CleanNumber("12/QĐ- -UBND."), "12/QĐ-UBND");
  EXPECT_EQ(CleanNumber("32/QĐ-S TTTI"), "32/QĐ-STTTT");
  EXPECT_EQ(CleanNumber("37/STTI T-BCVT:"), "37/STTTT-BCVT");  // split in its first part
  EXPECT_EQ(CleanNumber("37/STTI Tháng-BCVT"), "37/STTI");     // no part of it
  // A stamp's pen figures joined on by their slash; a year before the symbol stays.
  EXPECT_EQ(CleanNumber("876/TB-TTPVHCC /72/1"), "876/TB-TTPVHCC");
  EXPECT_EQ(CleanNumber("01/2018/QĐ-UBND /5"), "01/2018/QĐ-UBND");
  // One Đ read twice (KeyedLine already made the Icelandic Ð an Đ).
  EXPECT_EQ(CleanNumber("8/QĐĐ-UBND"), "8/QĐ-UBND");
  EXPECT_EQ(CleanNumber("01/2018/QĐ-UBND"), "01/2018/QĐ-UBND");
  // A symbol lost is no bare numeral '47': nothing is taken, the document goes to review.
  EXPECT_EQ(CleanNumber("47/"), "");
  EXPECT_EQ(CleanNumber("2352"), "2352");
}

TEST(DocumentNumberTest, NoiseIsNoNumber) {
  EXPECT_EQ(CleanNumber("Z7/CT-UBND"), "");
  EXPECT_EQ(CleanNumber("2Äjế"), "");
  EXPECT_EQ(CleanNumber("2/Z2/SNV-CCVC"), "");
  EXPECT_EQ(CleanNumber("16/Z⁄Z"), "");
  EXPECT_EQ(CleanNumber("16/2024"), "");
  EXPECT_EQ(CleanNumber("16/Z2/72"), "");
  EXPECT_EQ(CleanNumber(""), "");
}

TEST(DocumentNumberTest, SymbolIsWhatFollowsTheLastSlash) {
  EXPECT_EQ(SymbolOf("47/QĐ-UBND"), "QĐ-UBND");
  EXPECT_EQ(SymbolOf("01/2018/QĐ-UBND"), "QĐ-UBND");
  EXPECT_EQ(SymbolOf("21/3/2018"), "");
  EXPECT_EQ(SymbolOf("2352"), "");
}

}  // namespace
}  // namespace sohoa::index
