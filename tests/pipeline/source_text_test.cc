// The PDF text-layer heuristics: legacy-font garbage, ink coverage, line grouping.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>
#include <sstream>

#include "pipeline/source_internal.h"

namespace sohoa::pipeline::internal {
namespace {

std::vector<PdfWord> Words(const std::string& text) {
  std::vector<PdfWord> words;
  std::istringstream in(text);
  std::string word;
  int x = 0;
  while (in >> word) {
    words.push_back({word, PixelBox{x, 100, x + 50, 120}});
    x += 60;
  }
  return words;
}

TEST(SourceTextTest, UnicodeVietnameseIsNotGarbage) {
  EXPECT_FALSE(LooksLikeGarbageText(
      Words("Phát triển kinh tế xã hội của tỉnh trong năm 2024 theo Nghị quyết số 12")));
  EXPECT_FALSE(LooksLikeGarbageText(Words("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập Tự do")));
}

TEST(SourceTextTest, FrenchAndEnglishAreNotGarbage) {
  EXPECT_FALSE(LooksLikeGarbageText(
      Words("Le français est une langue indo-européenne de la famille des langues romanes. "
            "Noël approche et ça se fête à la maison")));
  EXPECT_FALSE(LooksLikeGarbageText(Words("The quick brown fox jumps over the lazy dog")));
}

TEST(SourceTextTest, Tcvn3IsGarbage) {
  EXPECT_TRUE(LooksLikeGarbageText(
      Words("Ph¸t triÓn kinh tÕ x· héi cña tØnh trong n¨m 2024 theo NghÞ quyÕt sè 12")));
}

TEST(SourceTextTest, VniIsGarbage) {
  EXPECT_TRUE(LooksLikeGarbageText(
      Words("Phaùt trieån kinh teá xaõ hoäi cuûa tænh trong naêm 2024 theo Nghò quyeát soá")));
}

TEST(SourceTextTest, UnmappedGlyphsAreGarbage) {
  EXPECT_TRUE(LooksLikeGarbageText(Words("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD abc")));
  EXPECT_TRUE(LooksLikeGarbageText(Words("\xEE\x80\x81\xEE\x80\x82 \xEE\x80\x83")));
}

TEST(SourceTextTest, StampOverScannedPageIsNotRealText) {
  cv::Mat page(3508, 2480, CV_8UC1, cv::Scalar(255));
  for (int y = 400; y < 3200; y += 60) {
    cv::rectangle(page, cv::Rect(300, y, 1900, 25), cv::Scalar(0), cv::FILLED);  // text lines
  }
  std::vector<PdfWord> stamp = Words("Ký bởi: Văn phòng Ủy ban nhân dân Thời gian ký: 17.01");
  EXPECT_LT(InkShareCoveredByText(page, stamp), 0.1);
  EXPECT_FALSE(IsRealTextLayer(page, stamp));

  std::vector<PdfWord> full;
  for (int y = 400; y < 3200; y += 60) {
    for (int x = 300; x < 2200; x += 200) full.push_back({"chữ", PixelBox{x, y, x + 190, y + 25}});
  }
  EXPECT_GT(InkShareCoveredByText(page, full), 0.95);
  EXPECT_TRUE(IsRealTextLayer(page, full));
}

TEST(SourceTextTest, GroupsWordsIntoLines) {
  std::vector<PdfWord> words = {
      {"Số:", {100, 100, 150, 120}}, {"12/QĐ-UBND", {160, 100, 300, 120}},
      {"Về", {100, 140, 130, 160}},  {"việc", {140, 141, 190, 161}},
      {"Nơi", {100, 400, 140, 420}},
  };
  auto lines = GroupWordsIntoLines(words);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].words.size(), 2u);
  EXPECT_EQ(lines[1].words.size(), 2u);
  EXPECT_EQ(lines[1].box.bottom, 161);
  EXPECT_EQ(lines[0].block_index, lines[1].block_index);
  EXPECT_NE(lines[1].block_index, lines[2].block_index);
  EXPECT_FLOAT_EQ(lines[0].words[0].confidence, 100);
}

}  // namespace
}  // namespace sohoa::pipeline::internal
