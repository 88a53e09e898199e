#include "index/page_json.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sohoa::index {
namespace {

PageText PageOf(const std::vector<std::string>& words) {
  PageText page;
  page.width_px = 1000;
  page.height_px = 1000;
  TextLine line;
  line.box = {0, 0, 1000, 40};
  for (size_t i = 0; i < words.size(); ++i) {
    const int left = static_cast<int>(i) * 100;
    line.words.push_back(Word{words[i], PixelBox{left, 10, left + 90, 30}, 90});
  }
  page.lines.push_back(line);
  return page;
}

std::vector<int> LeftsOf(const std::vector<PixelBox>& boxes) {
  std::vector<int> lefts;
  for (const PixelBox& box : boxes) lefts.push_back(box.left);
  return lefts;
}

TEST(MatchingWordBoxesTest, ExactFoldedAndPrefixMatchesKeepEveryRepeat) {
  const std::string json =
      WordsToJson(PageOf({"Đông", "dong", "ĐÔNG,", "Triều", "766/QĐ-TTg", "Đông", "xã"}));
  WordMatcher exact;
  exact.exact_words = {"đông"};
  EXPECT_EQ(LeftsOf(MatchingWordBoxes(json, exact)), (std::vector<int>{0, 200, 500}));
  const std::vector<PixelBox> first = MatchingWordBoxes(json, exact);
  EXPECT_EQ(first.at(0).top, 10);
  EXPECT_EQ(first.at(0).right, 90);
  EXPECT_EQ(first.at(0).bottom, 30);

  WordMatcher folded;
  folded.folded_words = {"dong", "qd"};
  EXPECT_EQ(LeftsOf(MatchingWordBoxes(json, folded)), (std::vector<int>{0, 100, 200, 400, 500}));

  WordMatcher prefix;
  prefix.folded_prefixes = {"tri"};
  EXPECT_EQ(LeftsOf(MatchingWordBoxes(json, prefix)), (std::vector<int>{300}));
}

TEST(MatchingWordBoxesTest, UnreadableJsonGivesNoBoxes) {
  WordMatcher matcher;
  matcher.folded_words = {"dong"};
  EXPECT_TRUE(MatchingWordBoxes("{\"lines\": [", matcher).empty());
  EXPECT_TRUE(MatchingWordBoxes("not json", matcher).empty());
  EXPECT_TRUE(MatchingWordBoxes("{\"width\": 10}", matcher).empty());
}

}  // namespace
}  // namespace sohoa::index
