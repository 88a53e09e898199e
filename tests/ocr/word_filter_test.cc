#include "ocr/word_filter.h"

#include <gtest/gtest.h>

namespace sohoa::ocr {
namespace {

TEST(WordFilterTest, DropsDoubtfulWordsWithOddSymbols) {
  EXPECT_TRUE(IsJunkWord("Wo2®—~", 20));  // read from a signature scribble
  EXPECT_TRUE(IsJunkWord("~", 35));
  EXPECT_TRUE(IsJunkWord("„", 10));
}

TEST(WordFilterTest, KeepsVietnameseWordsNumbersAndPunctuation) {
  EXPECT_FALSE(IsJunkWord("Nguyễn", 20));
  EXPECT_FALSE(IsJunkWord("524/TB-VPUBND", 30));
  EXPECT_FALSE(IsJunkWord("-", 10));  // dash bullet
  EXPECT_FALSE(IsJunkWord("“Quyết", 40));
  EXPECT_FALSE(IsJunkWord("(Ký,", 45));
}

TEST(WordFilterTest, KeepsConfidentWordsWhateverTheirSymbols) {
  EXPECT_FALSE(IsJunkWord("10%§", kJunkWordConfidence));
  EXPECT_TRUE(IsJunkWord("10%§", kJunkWordConfidence - 1));
}

TEST(WordFilterTest, FractionAndDivisionSlashesArePlainSlashes) {
  EXPECT_EQ(WithPlainSlashes("1009⁄SNV-CCVC"), "1009/SNV-CCVC");
  EXPECT_EQ(WithPlainSlashes("11∕3⁄2024"), "11/3/2024");
  EXPECT_EQ(WithPlainSlashes("Quyết"), "Quyết");
}

}  // namespace
}  // namespace sohoa::ocr
