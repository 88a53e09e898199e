#include "index/page_json.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "index/vietnamese_text.h"

namespace sohoa::index {
namespace {

nlohmann::json BoxToJson(const PixelBox& box) {
  return nlohmann::json::array({box.left, box.top, box.right, box.bottom});
}

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

std::string WordsToJson(const PageText& page) {
  nlohmann::json lines = nlohmann::json::array();
  for (const TextLine& line : page.lines) {
    nlohmann::json words = nlohmann::json::array();
    for (const Word& word : line.words) {
      words.push_back({{"t", word.text}, {"b", BoxToJson(word.box)}, {"c", word.confidence}});
    }
    lines.push_back({{"box", BoxToJson(line.box)}, {"block", line.block_index}, {"words", words}});
  }
  nlohmann::json page_json = {
      {"width", page.width_px}, {"height", page.height_px}, {"dpi", page.dpi}, {"lines", lines}};
  return page_json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string QualityToJson(const QualityRecord& q) {
  nlohmann::json json = {{"orientation_degrees", q.orientation_degrees},
                         {"skew_degrees", q.skew_degrees},
                         {"source_dpi", q.source_dpi},
                         {"dpi_estimated", q.dpi_estimated},
                         {"mean_confidence", q.mean_confidence},
                         {"low_confidence_share", q.low_confidence_share},
                         {"word_count", q.word_count},
                         {"text_from_pdf", q.text_from_pdf},
                         {"ocr_timed_out", q.ocr_timed_out},
                         {"needs_review", q.needs_review},
                         {"review_reason", q.review_reason}};
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

double MeanWordConfidence(const PageText& page) {
  double sum = 0;
  int count = 0;
  for (const TextLine& line : page.lines) {
    for (const Word& word : line.words) {
      sum += word.confidence;
      ++count;
    }
  }
  return count == 0 ? page.quality.mean_confidence : sum / count;
}

std::vector<PixelBox> MatchingWordBoxes(const std::string& words_json, const WordMatcher& matcher) {
  std::vector<PixelBox> boxes;
  nlohmann::json page = nlohmann::json::parse(words_json, nullptr, false);
  if (page.is_discarded() || !page.contains("lines")) return boxes;
  for (const auto& line : page["lines"]) {
    for (const auto& word : line.value("words", nlohmann::json::array())) {
      const auto& box = word.value("b", nlohmann::json::array());
      if (box.size() != 4) continue;
      bool matched = false;
      for (const std::string& token : SplitWords(word.value("t", std::string()))) {
        std::string exact = NormalizeVietnamese(token);
        std::string folded = FoldVietnamese(exact);
        matched = matched || Contains(matcher.exact_words, exact) ||
                  Contains(matcher.folded_words, folded);
        for (const std::string& prefix : matcher.folded_prefixes) {
          matched = matched || folded.rfind(prefix, 0) == 0;
        }
      }
      if (matched) {
        boxes.push_back(
            PixelBox{box[0].get<int>(), box[1].get<int>(), box[2].get<int>(), box[3].get<int>()});
      }
    }
  }
  return boxes;
}

}  // namespace sohoa::index
