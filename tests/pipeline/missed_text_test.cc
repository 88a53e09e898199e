#include "pipeline/missed_text.h"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "tests/testing/fixtures.h"

namespace sohoa::pipeline {
namespace {

std::unique_ptr<ocr::OcrEngine> MakeEngine() {
  Result<std::unique_ptr<ocr::OcrEngine>> engine = ocr::OcrEngine::Create({});
  EXPECT_TRUE(engine.ok()) << engine.status().ToString();
  return engine.ok() ? std::move(engine).value() : nullptr;
}

// The page-level reading of `full` without the words inside the ring (as Tesseract's layout
// analysis drops them).
PageText WithoutWordsInRing(const PageText& full, cv::Point centre, int radius) {
  PageText partial = full;
  for (TextLine& line : partial.lines) {
    std::erase_if(line.words, [&](const Word& word) {
      cv::Point word_centre((word.box.left + word.box.right) / 2,
                            (word.box.top + word.box.bottom) / 2);
      return cv::norm(word_centre - centre) < radius;
    });
  }
  std::erase_if(partial.lines, [](const TextLine& line) { return line.words.empty(); });
  return partial;
}

// The sample directive rendered at 200 dpi, an engine, and the page pass's reading of it.
struct SampleRead {
  testing::RenderedPage page;
  std::unique_ptr<ocr::OcrEngine> engine;
  PageText full;
};

void ReadSampleDirective(SampleRead* read) {
  read->page = testing::RenderPage(testing::SampleDirectiveLines(), 200);
  read->engine = MakeEngine();
  ASSERT_NE(read->engine, nullptr);
  Result<PageText> full = read->engine->Recognize(read->page.image, read->page.dpi);
  ASSERT_TRUE(full.ok());
  read->full = std::move(full).value();
}

// The page-level reading of `full` without the lines of `page` from `first_missed` on.
PageText WithoutLinesFrom(const PageText& full, const testing::RenderedPage& page,
                          size_t first_missed) {
  const int missed_top = page.lines[first_missed].box.y - 5;
  PageText partial = full;
  std::erase_if(partial.lines, [&](const TextLine& line) { return line.box.bottom > missed_top; });
  return partial;
}

// The page-level pass "missed" the lines from the fifth on (we drop them, as Tesseract's
// layout analysis drops text it takes for a picture): they are read back, in place.
TEST(MissedTextTest, UnreadLinesAreRecoveredInReadingOrder) {
  SampleRead read;
  ASSERT_NO_FATAL_FAILURE(ReadSampleDirective(&read));
  PageText partial = WithoutLinesFrom(read.full, read.page, 5);
  ASSERT_LT(partial.lines.size(), read.full.lines.size());
  const size_t kept_lines = partial.lines.size();

  int added = RecoverMissedText(read.page.image, read.page.dpi, *read.engine, {}, &partial);
  EXPECT_GE(added, 5);
  std::string text = partial.PlainText();
  EXPECT_NE(text.find("Căn cứ Luật Tổ chức chính quyền địa phương"), std::string::npos) << text;
  EXPECT_NE(text.find("chịu trách nhiệm thi hành"), std::string::npos) << text;
  // The lines that were read first keep their place ahead of the recovered ones.
  EXPECT_EQ(partial.lines.front().words.front().text, read.full.lines.front().words.front().text);
  EXPECT_GT(partial.lines.size(), kept_lines);
}

// The page has a ruled border round it (a form's frame): one piece of ink round a hole, and
// too big to be a text region; the unread lines are pieces inside that hole, and are found and
// read all the same.
TEST(MissedTextTest, UnreadLinesInsideAPageBorderAreRecovered) {
  SampleRead read;
  ASSERT_NO_FATAL_FAILURE(ReadSampleDirective(&read));
  cv::Mat& image = read.page.image;
  const int inset = 40;  // 5 mm at 200 dpi
  cv::rectangle(image, cv::Rect(inset, inset, image.cols - 2 * inset, image.rows - 2 * inset),
                cv::Scalar::all(0), 3);
  PageText partial = WithoutLinesFrom(read.full, read.page, 5);

  EXPECT_GE(RecoverMissedText(image, read.page.dpi, *read.engine, {}, &partial), 5);
  const std::string text = partial.PlainText();
  EXPECT_NE(text.find("chịu trách nhiệm thi hành"), std::string::npos) << text;
}

size_t CountOf(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

// A seal ring over the middle of a paragraph: the page-level pass dropped the words inside
// the ring, and the ring joins them into one unread region whose rectangle also holds words
// read beside the ring. Those are not added a second time.
TEST(MissedTextTest, WordsAlreadyReadBesideASealAreNotAddedTwice) {
  testing::RenderedPage page = testing::RenderPage(testing::SampleDirectiveLines(), 200);
  auto engine = MakeEngine();
  ASSERT_NE(engine, nullptr);
  Result<PageText> full = engine->Recognize(page.image, page.dpi);
  ASSERT_TRUE(full.ok());
  const cv::Rect middle_line = page.lines[6].box;
  const cv::Point centre(middle_line.x + middle_line.width / 2, middle_line.y);
  const int radius = static_cast<int>(15 / 25.4 * page.dpi);
  cv::Mat sealed = page.image.clone();
  cv::circle(sealed, centre, radius, cv::Scalar(0), 3);
  PageText partial = WithoutWordsInRing(*full, centre, radius);
  ASSERT_EQ(CountOf(partial.PlainText(), "-CP"), 1u) << partial.PlainText();

  EXPECT_GE(RecoverMissedText(sealed, page.dpi, *engine, {}, &partial), 1);
  const std::string after = partial.PlainText();
  // The words under the ring come back...
  EXPECT_NE(after.find("địa phương"), std::string::npos) << after;
  EXPECT_NE(after.find("ngày 05"), std::string::npos) << after;
  // ...but no piece of a word read beside it ("NĐ-CP" re-read as "-CP").
  EXPECT_EQ(CountOf(after, "-CP"), 1u) << after;
}

// A seal scanned grey: a thick mid-grey ring, an inner ring and a star drawn over black
// print (darken blend, as ink on ink), centred on line 6.
struct GreySealedPage {
  testing::RenderedPage page;
  cv::Mat sealed;
  cv::Point centre;
  int radius = 0;
};

GreySealedPage SealInGrey() {
  GreySealedPage out;
  out.page = testing::RenderPage(testing::SampleDirectiveLines(), 200);
  const cv::Rect middle_line = out.page.lines[6].box;
  out.centre = cv::Point(middle_line.x + middle_line.width / 3, middle_line.y);
  out.radius = static_cast<int>(16 / 25.4 * out.page.dpi);
  cv::Mat seal(out.page.image.size(), CV_8UC1, cv::Scalar(255));
  cv::circle(seal, out.centre, out.radius, cv::Scalar(140), 9);
  cv::circle(seal, out.centre, out.radius * 3 / 4, cv::Scalar(140), 3);
  std::vector<cv::Point> star;
  for (int i = 0; i < 10; ++i) {
    const double angle = -CV_PI / 2 + i * CV_PI / 5;
    const double reach = (i % 2 ? 0.12 : 0.3) * out.radius;
    star.emplace_back(out.centre.x + static_cast<int>(reach * std::cos(angle)),
                      out.centre.y + static_cast<int>(reach * std::sin(angle)));
  }
  cv::fillPoly(seal, std::vector<std::vector<cv::Point>>{star}, cv::Scalar(140));
  out.sealed = cv::min(out.page.image, seal);
  return out;
}

TEST(MissedTextTest, WordsUnderAGreySealAreRead) {
  GreySealedPage sealed = SealInGrey();
  auto engine = MakeEngine();
  ASSERT_NE(engine, nullptr);
  Result<PageText> full = engine->Recognize(sealed.page.image, sealed.page.dpi);
  ASSERT_TRUE(full.ok());
  PageText partial = WithoutWordsInRing(*full, sealed.centre, sealed.radius);
  std::vector<std::string> under_seal;
  for (const TextLine& line : full->lines) {
    for (const Word& word : line.words) {
      cv::Point word_centre((word.box.left + word.box.right) / 2,
                            (word.box.top + word.box.bottom) / 2);
      if (cv::norm(word_centre - sealed.centre) < sealed.radius) under_seal.push_back(word.text);
    }
  }
  ASSERT_GE(under_seal.size(), 8u);
  EXPECT_GE(RecoverMissedText(sealed.sealed, sealed.page.dpi, *engine, {}, &partial), 1);
  const std::string after = partial.PlainText();
  size_t read_again = 0;
  for (const std::string& word : under_seal) read_again += CountOf(after, word) > 0 ? 1 : 0;
  EXPECT_GE(read_again * 10, under_seal.size() * 8) << after;
}

TEST(MissedTextTest, FullyReadPageGainsNothing) {
  SampleRead read;
  ASSERT_NO_FATAL_FAILURE(ReadSampleDirective(&read));
  PageText copy = read.full;
  EXPECT_EQ(RecoverMissedText(read.page.image, read.page.dpi, *read.engine, {}, &copy), 0);
  EXPECT_EQ(copy.PlainText(), read.full.PlainText());
}

}  // namespace
}  // namespace sohoa::pipeline
