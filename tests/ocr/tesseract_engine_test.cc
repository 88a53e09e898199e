#include <gtest/gtest.h>

#include <algorithm>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <string>

#include "ocr/ocr_engine.h"
#include "tests/testing/fixtures.h"

namespace sohoa::ocr {
namespace {

std::unique_ptr<OcrEngine> MakeEngine() {
  Result<std::unique_ptr<OcrEngine>> engine = OcrEngine::Create({});
  EXPECT_TRUE(engine.ok()) << engine.status().ToString();
  return engine.ok() ? std::move(engine).value() : nullptr;
}

TEST(TesseractEngineTest, ReadsVietnameseWithDiacriticsAndBoxes) {
  testing::RenderedPage page = testing::RenderPage(testing::SampleDirectiveLines());
  auto engine = MakeEngine();
  ASSERT_NE(engine, nullptr);
  Result<PageText> text = engine->Recognize(page.image, page.dpi);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(text->width_px, page.image.cols);
  EXPECT_EQ(text->height_px, page.image.rows);
  std::string plain = text->PlainText();
  EXPECT_NE(plain.find("QUYẾT ĐỊNH"), std::string::npos) << plain;
  EXPECT_NE(plain.find("Số: 1523/QĐ-UBND"), std::string::npos) << plain;
  EXPECT_NE(plain.find("chuyển đổi số"), std::string::npos) << plain;
  EXPECT_GT(text->quality.mean_confidence, 80);
  EXPECT_GE(text->quality.word_count, 100);

  // The word "QUYẾT" lies inside the rendered line that holds it.
  const testing::RenderedLine& title = page.lines[2];
  bool found = false;
  for (const TextLine& line : text->lines) {
    for (const Word& word : line.words) {
      if (word.text != "QUYẾT") continue;
      found = true;
      EXPECT_GE(word.box.left, title.box.x - 5);
      EXPECT_LE(word.box.right, title.box.x + title.box.width + 5);
      EXPECT_GE(word.box.top, title.box.y - 10);
      EXPECT_LE(word.box.bottom, title.box.y + title.box.height + 10);
    }
  }
  EXPECT_TRUE(found);
}

// The pipeline's orientation vote relies on this: upside-down text reads with low confidence.
TEST(TesseractEngineTest, UpsideDownTextHasLowerConfidence) {
  testing::RenderedPage page = testing::RenderPage(testing::SampleDirectiveLines());
  cv::Mat turned;
  cv::rotate(page.image, turned, cv::ROTATE_180);
  auto engine = MakeEngine();
  ASSERT_NE(engine, nullptr);
  Result<PageText> upright = engine->Recognize(page.image, page.dpi);
  Result<PageText> upside_down = engine->Recognize(turned, page.dpi);
  ASSERT_TRUE(upright.ok());
  ASSERT_TRUE(upside_down.ok());
  EXPECT_GT(upright->quality.mean_confidence, 80);
  EXPECT_GT(upright->quality.mean_confidence, upside_down->quality.mean_confidence + 15);
}

TEST(TesseractEngineTest, MissingModelIsNotFound) {
  Result<std::unique_ptr<OcrEngine>> engine =
      OcrEngine::Create({.tessdata_dir = "/nonexistent", .language = "vie"});
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.status().code(), StatusCode::kNotFound);
  EXPECT_NE(engine.status().message().find("vie"), std::string::npos);
}

TEST(TesseractEngineTest, RejectsColourImages) {
  auto engine = MakeEngine();
  ASSERT_NE(engine, nullptr);
  cv::Mat colour(100, 100, CV_8UC3, cv::Scalar::all(255));
  EXPECT_FALSE(engine->Recognize(colour, 300).ok());
}

}  // namespace
}  // namespace sohoa::ocr
