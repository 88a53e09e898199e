#include "index/document_symbols.h"

#include <gtest/gtest.h>

namespace sohoa::index {
namespace {

TEST(DocumentSymbolsTest, KeepsStandardSymbols) {
  EXPECT_EQ(CorrectSymbol("QĐ-UBND"), "QĐ-UBND");
  EXPECT_EQ(CorrectSymbol("STTTT-BCVT"), "STTTT-BCVT");
  EXPECT_EQ(CorrectSymbol("NĐ-CP"), "NĐ-CP");
}

TEST(DocumentSymbolsTest, CorrectsOneMisreadCapital) {
  EXPECT_EQ(CorrectSymbol("QĐ-STTTI"), "QĐ-STTTT");
  EXPECT_EQ(CorrectSymbol("QĐ-UDND"), "QĐ-UBND");
  EXPECT_EQ(CorrectSymbol("TB-VFUDND"), "TB-VPUBND");  // two of six letters
  EXPECT_EQ(CorrectSymbol("KH-URND"), "KH-UBND");      // a frame's edge took B's lower bowl
}

TEST(DocumentSymbolsTest, StandardAbbreviationOfAPart) {
  EXPECT_EQ(StandardAbbreviation("STTTI").value_or("-"), "STTTT");
  EXPECT_EQ(StandardAbbreviation("Qb").value_or("-"), "QĐ");
  EXPECT_EQ(StandardAbbreviation("TTg").value_or("-"), "TTg");
  EXPECT_FALSE(StandardAbbreviation("QNI").has_value());
  EXPECT_FALSE(StandardAbbreviation("Hạ").has_value());
}

TEST(DocumentSymbolsTest, CorrectsDiacriticsOnly) {
  EXPECT_EQ(CorrectSymbol("CT-ÙBND"), "CT-UBND");
  EXPECT_EQ(CorrectSymbol("QD-UBND"), "QĐ-UBND");
}

TEST(DocumentSymbolsTest, KeepsUnknownAndAmbiguousParts) {
  // A body's own abbreviation near no standard one stays as read.
  EXPECT_EQ(CorrectSymbol("QNI-TTKSNB"), "QNI-TTKSNB");
  EXPECT_EQ(CorrectSymbol("KH-ABCXYZ"), "KH-ABCXYZ");
  // Short parts are never changed by a letter: 'TC' is not forced to 'TT' or 'CT'.
  EXPECT_EQ(CorrectSymbol("TX-UBND"), "TX-UBND");
  // A letter OCR does not confuse makes another body's abbreviation: 'TCKT' is no 'TCKH',
  // 'TCCC' no 'TCCB'.
  EXPECT_EQ(CorrectSymbol("BVT-TCKT"), "BVT-TCKT");
  EXPECT_EQ(CorrectSymbol("TCCC"), "TCCC");
}

}  // namespace
}  // namespace sohoa::index
