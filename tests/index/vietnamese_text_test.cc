#include "index/vietnamese_text.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <string>
#include <vector>

#include "index/fts_tokenizer.h"

namespace sohoa::index {
namespace {

std::string Compose(const std::u32string& code_points, bool nfc) {
  icu::UnicodeString text;
  for (char32_t c : code_points) text.append(static_cast<UChar32>(c));
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer =
      nfc ? icu::Normalizer2::getNFCInstance(error) : icu::Normalizer2::getNFDInstance(error);
  std::string out;
  normalizer->normalize(text, error).toUTF8String(out);
  return out;
}

struct Vowel {
  char32_t base;
  char32_t modifier;  // 0, circumflex, breve or horn
};

// a ă â e ê i o ô ơ u ư y
const std::vector<Vowel> kVowels = {{U'a', 0},      {U'a', 0x0306}, {U'a', 0x0302}, {U'e', 0},
                                    {U'e', 0x0302}, {U'i', 0},      {U'o', 0},      {U'o', 0x0302},
                                    {U'o', 0x031B}, {U'u', 0},      {U'u', 0x031B}, {U'y', 0}};
// none, sắc, huyền, hỏi, ngã, nặng
const std::vector<char32_t> kTones = {0, 0x0301, 0x0300, 0x0309, 0x0303, 0x0323};

TEST(VietnameseTextTest, EveryVowelWithEveryToneInBothCasesNormalisesAndFolds) {
  int checked = 0;
  for (const Vowel& vowel : kVowels) {
    for (char32_t tone : kTones) {
      std::u32string lower = {vowel.base};
      if (vowel.modifier) lower.push_back(vowel.modifier);
      if (tone) lower.push_back(tone);
      std::u32string upper = lower;
      upper[0] = vowel.base - U'a' + U'A';
      const std::string lower_nfc = Compose(lower, true);
      const std::string upper_nfc = Compose(upper, true);
      const std::string lower_nfd = Compose(lower, false);
      SCOPED_TRACE(lower_nfc);
      ASSERT_EQ(CodePointCount(lower_nfc), 1);  // every combination has a precomposed letter
      EXPECT_EQ(NormalizeVietnamese(lower_nfc), lower_nfc);
      EXPECT_EQ(NormalizeVietnamese(upper_nfc), lower_nfc);
      EXPECT_EQ(NormalizeVietnamese(lower_nfd), lower_nfc);
      EXPECT_EQ(ToNfc(lower_nfd), lower_nfc);
      EXPECT_EQ(FoldVietnamese(lower_nfc), std::string(1, static_cast<char>(vowel.base)));
      EXPECT_EQ(FoldVietnamese(upper_nfc),
                std::string(1, static_cast<char>(vowel.base - 'a' + 'A')));
      EXPECT_EQ(FoldVietnamese(lower_nfd), std::string(1, static_cast<char>(vowel.base)));
      EXPECT_EQ(HasDiacritics(lower_nfc), vowel.modifier != 0 || tone != 0);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 72);
}

TEST(VietnameseTextTest, DStrokeFoldsToD) {
  EXPECT_EQ(NormalizeVietnamese("Đ"), "đ");
  EXPECT_EQ(FoldVietnamese("đ"), "d");
  EXPECT_EQ(FoldVietnamese("Đ"), "D");
  EXPECT_EQ(FoldVietnamese("Đường"), "Duong");
  EXPECT_EQ(FoldVietnamese(NormalizeVietnamese("ĐÔNG TRIỀU")), "dong trieu");
  EXPECT_TRUE(HasDiacritics("đ"));
  EXPECT_FALSE(HasDiacritics("dong trieu 2024"));
}

TEST(VietnameseTextTest, IcelandicEthFromOcrReadsAsDStroke) {
  EXPECT_EQ(NormalizeVietnamese("QÐ-UBND"), "qđ-ubnd");  // U+00D0
  EXPECT_EQ(FoldVietnamese("QÐ"), "QD");
}

TEST(VietnameseTextTest, BothTonePlacementConventionsNormaliseAlike) {
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"hoà", "hòa"},   {"thuỷ", "thủy"}, {"hoá", "hóa"},   {"uỷ", "ủy"},     {"Hoà", "hòa"},
      {"khoẻ", "khỏe"}, {"loà", "lòa"},   {"thuý", "thúy"}, {"Thuỵ", "thụy"}, {"xoà", "xòa"}};
  for (const auto& [one, other] : pairs) {
    EXPECT_EQ(NormalizeVietnamese(one), other) << one;
    EXPECT_EQ(NormalizeVietnamese(other), other) << other;
  }
}

TEST(VietnameseTextTest, ToneMarkStaysWhereEveryConventionAgrees) {
  for (const char* word :
       {"hoàng", "thuận", "người", "rượu", "quý", "quả", "giá", "gì", "khuya", "khuỷu", "ngoài",
        "tiếng", "việt",  "thuở",  "của",  "mùa", "tài", "sạp", "mã", "uyên",  "quyền", "chuyển"}) {
    EXPECT_EQ(NormalizeVietnamese(word), word);
  }
  EXPECT_EQ(NormalizeVietnamese("CỘNG HÒA XÃ HỘI"), "cộng hòa xã hội");
  EXPECT_EQ(NormalizeVietnamese("Số: 15/QĐ-UBND, hoà"), "số: 15/qđ-ubnd, hòa");
}

TEST(VietnameseTextTest, SplitWordsLikeUnicode61) {
  EXPECT_EQ(SplitWords("766/QĐ-TTg"), (std::vector<std::string>{"766", "QĐ", "TTg"}));
  EXPECT_EQ(SplitWords("  \"'); DROP --"), (std::vector<std::string>{"DROP"}));
  EXPECT_EQ(SplitWords(Compose(U"hoa\u0300 bi\u0300nh", false)).size(), 2u);
  EXPECT_TRUE(SplitWords("\"(*)-").empty());
}

TEST(VietnameseTextTest, IndexedFormsAreExactAndMarkedFolded) {
  IndexedForms forms = IndexedFormsOf("Hoà");
  EXPECT_EQ(forms.exact, "hòa");
  EXPECT_EQ(forms.folded, "_hoa");
}

TEST(VietnameseTextTest, SyllableShapes) {
  for (const char* word : {"ỦY", "BAN", "NHÂN", "DÂN", "TỈNH", "QUẢNG", "NINH", "Sở", "THÔNG",
                           "TRUYỀN", "NGHĨA", "khuyến", "giữa", "Hòa", "NGHIÊNG", "VIỆT"}) {
    EXPECT_TRUE(IsVietnameseSyllable(word)) << word;
  }
  // Two words run together, a letter alone with no vowel, case changing inside, two tone
  // marks, letters Vietnamese does not write, an abbreviation.
  for (const char* word :
       {"CHINHÁNH", "TỈNHQUẢNGNINH", "Ñ", "đUẶNG", "QUẢÁNG", "FOX", "UBND", "W3", ""}) {
    EXPECT_FALSE(IsVietnameseSyllable(word)) << word;
  }
}

}  // namespace
}  // namespace sohoa::index
