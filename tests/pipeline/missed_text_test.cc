#include "pipeline/missed_text.h"

#include <gtest/gtest.h>

#include "tests/testing/fixtures.h"

namespace sohoa::pipeline {
namespace {

std::unique_ptr<ocr::OcrEngine> MakeEngine() {
  Result<std::unique_ptr<ocr::OcrEngine>> engine = ocr::OcrEngine::Create({});
  EXPECT_TRUE(engine.ok()) << engine.status().ToString();
  return engine.ok() ? std::move(engine).value() : nullptr;
}

// The page-level pass "missed" the lines from the fifth on (we drop them, as Tesseract's
// layout analysis drops text it takes for a picture): they are read back, in place.
TEST(MissedTextTest, UnreadLinesAreRecoveredInReadingOrder) {
  testing::RenderedPage page = testing::RenderPage(testing::SampleDirectiveLines(), 200);
  auto engine = MakeEngine();
  ASSERT_NE(engine, nullptr);
  Result<PageText> full = engine->Recognize(page.image, page.dpi);
  ASSERT_TRUE(full.ok());
  const int missed_top = page.lines[5].box.y - 5;
  PageText partial = *full;
  std::erase_if(partial.lines, [&](const TextLine& line) { return line.box.bottom > missed_top; });
  ASSERT_LT(partial.lines.size(), full->lines.size());
  const size_t kept_lines = partial.lines.size();

  int added = RecoverMissedText(page.image, page.dpi, *engine, {}, &partial);
  EXPECT_GE(added, 5);
  std::string text = partial.PlainText();
  EXPECT_NE(text.find("Căn cứ Luật Tổ chức chính quyền địa phương"), std::string::npos) << text;
  EXPECT_NE(text.find("chịu trách nhiệm thi hành"), std::string::npos) << text;
  // The lines that were read first keep their place ahead of the recovered ones.
  EXPECT_EQ(partial.lines.front().words.front().text, full->lines.front().words.front().text);
  EXPECT_GT(partial.lines.size(), kept_lines);
}

TEST(MissedTextTest, FullyReadPageGainsNothing) {
  testing::RenderedPage page = testing::RenderPage(testing::SampleDirectiveLines(), 200);
  auto engine = MakeEngine();
  ASSERT_NE(engine, nullptr);
  Result<PageText> full = engine->Recognize(page.image, page.dpi);
  ASSERT_TRUE(full.ok());
  PageText copy = *full;
  EXPECT_EQ(RecoverMissedText(page.image, page.dpi, *engine, {}, &copy), 0);
  EXPECT_EQ(copy.PlainText(), full->PlainText());
}

}  // namespace
}  // namespace sohoa::pipeline
