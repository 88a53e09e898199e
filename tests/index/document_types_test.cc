#include "index/document_types.h"

#include <gtest/gtest.h>

namespace sohoa::index {
namespace {

TEST(DocumentTypesTest, TitleKeysWithSpecksAndSpaces) {
  ASSERT_NE(DocumentTypeOfTitle("quyet dinh"), nullptr);
  EXPECT_STREQ(DocumentTypeOfTitle("quyet dinh")->name, "QUYẾT ĐỊNH");
  // A speck before or after the title, and a letter set apart.
  ASSERT_NE(DocumentTypeOfTitle(".thong bao"), nullptr);
  EXPECT_STREQ(DocumentTypeOfTitle(".thong bao")->code, "TB");
  ASSERT_NE(DocumentTypeOfTitle("thon g bao:"), nullptr);
  EXPECT_STREQ(DocumentTypeOfTitle("thon g bao:")->name, "THÔNG BÁO");
  // A letter's 'CÔNG VĂN' is no title, nor is a longer line that starts like one.
  EXPECT_EQ(DocumentTypeOfTitle("cong van"), nullptr);
  EXPECT_EQ(DocumentTypeOfTitle("quyet dinh so 12"), nullptr);
  EXPECT_EQ(DocumentTypeOfTitle(""), nullptr);
}

// A fold's line through the title's 'Ô' leaves it misread by a letter.
TEST(DocumentTypesTest, LongTitleWithOneLetterMisread) {
  ASSERT_NE(DocumentTypeOfTitle("th8ng bao"), nullptr);
  EXPECT_STREQ(DocumentTypeOfTitle("th8ng bao")->name, "THÔNG BÁO");
  ASSERT_NE(DocumentTypeOfTitle("quyet dnh"), nullptr);
  EXPECT_STREQ(DocumentTypeOfTitle("quyet dnh")->code, "QĐ");
  ASSERT_NE(DocumentTypeOfTitle("ke hoacb"), nullptr);
  EXPECT_STREQ(DocumentTypeOfTitle("ke hoacb")->code, "KH");
  // As near two types ('thong bao', 'thong cao'): neither.
  EXPECT_EQ(DocumentTypeOfTitle("thong xao"), nullptr);
  // Two letters off, or a short title one off: no type.
  EXPECT_EQ(DocumentTypeOfTitle("thiing bao"), nullptr);
  EXPECT_EQ(DocumentTypeOfTitle("lenb"), nullptr);
  EXPECT_EQ(DocumentTypeOfTitle("de a"), nullptr);
  EXPECT_EQ(DocumentTypeOfTitle("chi thj"), nullptr);
}

TEST(DocumentTypesTest, CodesOfPrintedNames) {
  EXPECT_EQ(DocumentTypeCode("CHỈ THỊ"), "CT");
  EXPECT_EQ(DocumentTypeCode("NGHỊ ĐỊNH"), "NĐ");
  EXPECT_EQ(DocumentTypeCode("SƠ YẾU LÝ LỊCH"), "");
  EXPECT_EQ(DocumentTypeCode("CÔNG VĂN"), "");
}

}  // namespace
}  // namespace sohoa::index
