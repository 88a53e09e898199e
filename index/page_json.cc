#include "index/page_json.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "index/vietnamese_text.h"

namespace sohoa::index {
namespace {

nlohmann::json BoxToJson(const PixelBox& box) {
  return nlohmann::json::array({box.left, box.top, box.right, box.bottom});
}

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Lower-case ASCII first characters of the folded forms a matcher accepts (all 256 when a
// prefix is empty or an initial is not ASCII). A token starting with an ASCII character folds
// to a word starting with that character lower-cased, so the others need no normalising.
std::array<bool, 256> PossibleInitials(const WordMatcher& matcher) {
  std::array<bool, 256> possible{};
  auto add = [&](const std::string& folded) {
    if (folded.empty() || static_cast<unsigned char>(folded[0]) >= 0x80) {
      possible.fill(true);
    } else {
      possible[static_cast<unsigned char>(std::tolower(static_cast<unsigned char>(folded[0])))] =
          true;
    }
  };
  for (const std::string& word : matcher.exact_words) add(FoldVietnamese(word));
  for (const std::string& word : matcher.folded_words) add(word);
  for (const std::string& prefix : matcher.folded_prefixes) add(prefix);
  return possible;
}

bool WordMatches(const std::string& text, const WordMatcher& matcher,
                 const std::array<bool, 256>& possible_initials) {
  bool matched = false;
  for (const std::string& token : SplitWords(text)) {
    const unsigned char initial = static_cast<unsigned char>(token[0]);
    if (initial < 0x80 && !possible_initials[std::tolower(initial)]) continue;
    std::string exact = NormalizeVietnamese(token);
    std::string folded = FoldVietnamese(exact);
    matched =
        matched || Contains(matcher.exact_words, exact) || Contains(matcher.folded_words, folded);
    for (const std::string& prefix : matcher.folded_prefixes) {
      matched = matched || folded.rfind(prefix, 0) == 0;
    }
  }
  return matched;
}

// Streams the words of a page (lines[].words[] {"t","b"}) without building a tree: a page holds
// hundreds of words, and a DOM of them was most of the cost of a search hit.
class MatchingWordsSax : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit MatchingWordsSax(const WordMatcher& matcher)
      : matcher_(matcher), possible_initials_(PossibleInitials(matcher)) {}

  std::vector<PixelBox> TakeBoxes() { return std::move(boxes_); }

  bool start_object(std::size_t) override { return Open(); }
  bool start_array(std::size_t) override { return Open(); }
  bool end_object() override {
    if (InWord()) FinishWord();
    return Close();
  }
  bool end_array() override { return Close(); }
  bool key(string_t& key) override {
    key_ = key;
    return true;
  }
  bool string(string_t& value) override {
    if (InWord() && key_ == "t") text_ = value;
    return true;
  }
  bool number_integer(number_integer_t value) override { return Number(value); }
  bool number_unsigned(number_unsigned_t value) override { return Number(value); }
  bool number_float(number_float_t value, const string_t&) override { return Number(value); }
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  bool InWord() const { return path_.size() == 5 && path_[1] == "lines" && path_[3] == "words"; }
  bool InWordBox() const {
    return path_.size() == 6 && path_[1] == "lines" && path_[3] == "words" && path_[5] == "b";
  }
  bool Open() {
    path_.push_back(std::move(key_));
    key_.clear();
    if (InWord()) {
      text_.clear();
      box_.clear();
    }
    return true;
  }
  bool Close() {
    if (!path_.empty()) path_.pop_back();
    key_.clear();
    return true;
  }
  bool Number(double value) {
    if (InWordBox()) box_.push_back(static_cast<int>(value));
    return true;
  }
  void FinishWord() {
    if (box_.size() != 4) return;
    auto [known, inserted] = matched_by_text_.try_emplace(text_, false);
    if (inserted) known->second = WordMatches(known->first, matcher_, possible_initials_);
    if (known->second) boxes_.push_back(PixelBox{box_[0], box_[1], box_[2], box_[3]});
  }

  const WordMatcher& matcher_;
  const std::array<bool, 256> possible_initials_;
  // A page repeats most of its words: each distinct text is matched once.
  std::unordered_map<std::string, bool> matched_by_text_;
  std::vector<std::string> path_;  // the key that opened each open container, "" in arrays
  std::string key_;
  std::string text_;
  std::vector<int> box_;
  std::vector<PixelBox> boxes_;
};

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
  MatchingWordsSax sax(matcher);
  if (!nlohmann::json::sax_parse(words_json, &sax)) return {};
  return sax.TakeBoxes();
}

}  // namespace sohoa::index
