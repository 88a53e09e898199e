#include "pipeline/header_fields.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <opencv2/imgproc.hpp>

#include "index/vietnamese_text.h"

namespace sohoa::pipeline {
namespace {

// The header (agency, number, motto, place and date) fills the top of the first page.
constexpr double kHeaderShare = 0.45;
// A field's value is at least this confident, and this far ahead of the runner-up, or the
// document goes to review.
constexpr float kSureConfidence = 60;
constexpr float kSureShare = 0.6f;
constexpr float kTrustPrinted = 85;

std::string Key(const std::string& text) {
  std::string key = index::FoldVietnamese(index::NormalizeVietnamese(text));
  std::erase_if(key, [](char c) { return c == ':' || c == '.' || c == ',' || c == ';'; });
  return key;
}

bool IsNumberLabel(const std::string& key) { return key == "so" || key == "s0" || key == "5o"; }

int DigitsValue(const std::string& digits) {
  if (digits.empty() || digits.size() > 5) return -1;
  for (char c : digits) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
  }
  return std::stoi(digits);
}

void JoinWords(const TextLine& line, FieldSlot* slot) {
  float confidence_sum = 0;
  for (int w = slot->first_word; w < slot->end_word; ++w) {
    slot->printed += line.words[w].text;
    confidence_sum += line.words[w].confidence;
  }
  const int count = slot->end_word - slot->first_word;
  slot->printed_confidence = count ? confidence_sum / count : 0;
}

// The slot between two anchor words of a line, `pad` line heights above and below.
FieldSlot SlotBetween(const TextLine& line, int line_index, int left_word, int right_word) {
  FieldSlot slot;
  slot.line = line_index;
  slot.first_word = left_word + 1;
  slot.end_word = right_word;
  const int height = line.box.height();
  slot.box = {line.words[left_word].box.right + 1, line.box.top - height / 2,
              line.words[right_word].box.left - 1, line.box.bottom + height / 2};
  JoinWords(line, &slot);
  return slot;
}

std::optional<FieldSlot> FindNumberSlot(const PageText& page, int line_index) {
  const TextLine& line = page.lines[line_index];
  for (size_t label = 0; label + 1 < line.words.size(); ++label) {
    if (!IsNumberLabel(Key(line.words[label].text))) continue;
    for (size_t w = label + 1; w < line.words.size() && w < label + 4; ++w) {
      const std::string& text = line.words[w].text;
      const size_t slash = text.find('/');
      if (slash == std::string::npos) continue;
      const std::string suffix = text.substr(slash);
      // The symbol has letters ('/QĐ-UBND'); a stamp's 'Ngày: 21/3' does not.
      if (std::none_of(suffix.begin(), suffix.end(), [](char c) {
            return std::isalpha(static_cast<unsigned char>(c)) || c < 0;
          })) {
        continue;
      }
      FieldSlot slot;
      slot.line = line_index;
      slot.first_word = static_cast<int>(label) + 1;
      slot.end_word = static_cast<int>(w) + 1;
      slot.suffix = suffix;
      JoinWords(line, &slot);
      slot.printed = slot.printed.substr(0, slot.printed.find('/'));
      const PixelBox& word = line.words[w].box;
      const int chars = std::max(1, index::CodePointCount(text));
      const int slash_x =
          word.left + word.width() * index::CodePointCount(text.substr(0, slash)) / chars;
      const int height = line.box.height();
      slot.box = {line.words[label].box.right + 1, line.box.top - height / 2,
                  std::max(slash_x - height / 6, line.words[label].box.right + height),
                  line.box.bottom + height / 2};
      return slot;
    }
  }
  return std::nullopt;
}

void FindDateSlots(const PageText& page, int line_index, HeaderSlots* slots) {
  const TextLine& line = page.lines[line_index];
  int ngay = -1, thang = -1, nam = -1;
  for (size_t w = 0; w < line.words.size(); ++w) {
    const std::string key = Key(line.words[w].text);
    if (key == "ngay" && ngay < 0) ngay = static_cast<int>(w);
    if (key == "thang" && ngay >= 0 && thang < 0) thang = static_cast<int>(w);
    if (key == "nam" && thang >= 0 && nam < 0) nam = static_cast<int>(w);
  }
  if (ngay < 0 || thang < 0 || nam < 0 || thang - ngay > 3 || nam - thang > 3) return;
  slots->day = SlotBetween(line, line_index, ngay, thang);
  slots->month = SlotBetween(line, line_index, thang, nam);
  if (nam + 1 < static_cast<int>(line.words.size())) {
    std::string year;
    for (char c : line.words[nam + 1].text) {
      if (std::isdigit(static_cast<unsigned char>(c))) year += c;
    }
    if (year.size() == 4) slots->year = std::stoi(year);
  }
}

bool Plausible(FieldKind kind, const std::string& value) {
  const int number = DigitsValue(value);
  switch (kind) {
    case FieldKind::kDay:
      return value.size() <= 2 && number >= 1 && number <= 31;
    case FieldKind::kMonth:
      return value.size() <= 2 && number >= 1 && number <= 12;
    case FieldKind::kNumber:
      return number >= 1;
  }
  return false;
}

cv::Mat UprightCrop(const cv::Mat& source, const Affine2D& to_upright, const PixelBox& box) {
  cv::Mat map = (cv::Mat_<double>(2, 3) << to_upright[0], to_upright[1], to_upright[2] - box.left,
                 to_upright[3], to_upright[4], to_upright[5] - box.top);
  cv::Mat crop;
  cv::warpAffine(source, crop, map, cv::Size(box.width(), box.height()), cv::INTER_LINEAR,
                 cv::BORDER_CONSTANT, cv::Scalar::all(255));
  return crop;
}

void ReplaceSlotWords(const FieldSlot& slot, const std::string& value, float confidence,
                      PageText* page) {
  TextLine& line = page->lines[slot.line];
  // The text layer keeps what is printed ('3', not '03') when the reading agrees with it.
  std::string printed_digits;
  for (char c : slot.printed) {
    if (std::isdigit(static_cast<unsigned char>(c))) printed_digits += c;
  }
  if (DigitsValue(printed_digits) >= 0 && DigitsValue(printed_digits) == DigitsValue(value)) return;
  Word word;
  word.text = value + slot.suffix;
  word.confidence = confidence;
  word.box = slot.box;
  word.box.top = line.box.top;
  word.box.bottom = line.box.bottom;
  if (slot.end_word > slot.first_word) {
    // Start where the replaced ink starts, not at the anchor word, so a gap (a space in the
    // extracted text) stays between them.
    word.box.left = line.words[slot.first_word].box.left;
    word.box.right = line.words[slot.end_word - 1].box.right;
  }
  line.words.erase(line.words.begin() + slot.first_word, line.words.begin() + slot.end_word);
  line.words.insert(line.words.begin() + slot.first_word, std::move(word));
}

void FlagForReview(const std::string& reason, QualityRecord* quality) {
  quality->needs_review = true;
  if (!quality->review_reason.empty()) quality->review_reason += "; ";
  quality->review_reason += reason;
}

}  // namespace

HeaderSlots FindHeaderSlots(const PageText& page) {
  HeaderSlots slots;
  const int header_bottom = static_cast<int>(page.height_px * kHeaderShare);
  for (size_t i = 0; i < page.lines.size(); ++i) {
    if (page.lines[i].box.top > header_bottom) break;
    if (!slots.number) slots.number = FindNumberSlot(page, static_cast<int>(i));
    if (!slots.day) FindDateSlots(page, static_cast<int>(i), &slots);
  }
  return slots;
}

std::optional<FieldChoice> ChooseField(FieldKind kind,
                                       const std::vector<ocr::FieldReading>& readings,
                                       const std::string& printed, float printed_confidence) {
  std::map<std::string, float> votes;
  std::map<std::string, float> best_confidence;
  float total = 0;
  auto vote = [&](std::string value, float confidence) {
    if (kind != FieldKind::kNumber) {
      value.erase(0, std::min(value.find_first_not_of('0'), value.size() - 1));
      if (value.size() == 1) value = "0" + value;
    }
    total += std::max(confidence, 1.0f);
    if (!Plausible(kind, value)) return;
    votes[value] += std::max(confidence, 1.0f);
    best_confidence[value] = std::max(best_confidence[value], confidence);
  };
  // The full-page pass reads digits in context: its plausible reading counts twice.
  if (!printed.empty()) vote(printed, 2 * printed_confidence);
  // Printed digits (and clear handwriting) the full page read confidently stand: the
  // digit-only passes are the weaker reader on print.
  if (printed_confidence >= kTrustPrinted && votes.size() == 1) {
    return FieldChoice{votes.begin()->first, printed_confidence, false};
  }
  for (const ocr::FieldReading& reading : readings) vote(reading.text, reading.confidence);
  if (votes.empty()) return std::nullopt;
  // The recogniser drops pen digits far more often than it invents them: a reading that is
  // part of a longer plausible one ('6' of '76') also supports the longer one.
  std::map<std::string, float> support = votes;
  for (const auto& [longer, unused] : votes) {
    for (const auto& [shorter, weight] : votes) {
      // Days and months compare unpadded: a lost '1' of '17' reads '7', voted as '07'.
      const std::string part =
          shorter.substr(kind == FieldKind::kNumber ? 0 : shorter.find_first_not_of('0'));
      if (shorter != longer && part.size() < longer.size() &&
          longer.find(part) != std::string::npos) {
        support[longer] += weight;
      }
    }
  }
  votes = std::move(support);
  auto best = std::max_element(votes.begin(), votes.end(),
                               [](const auto& a, const auto& b) { return a.second < b.second; });
  FieldChoice choice;
  choice.value = best->first;
  choice.confidence = std::min(100.0f, best_confidence[best->first] * best->second / total);
  choice.uncertain =
      best_confidence[best->first] < kSureConfidence || best->second < kSureShare * total;
  return choice;
}

int RereadHeaderFields(const cv::Mat& source, ocr::FieldReader& reader, PageText* page) {
  const HeaderSlots slots = FindHeaderSlots(*page);
  struct Job {
    const std::optional<FieldSlot>* slot;
    FieldKind kind;
    const char* name;
  };
  const Job jobs[] = {{&slots.number, FieldKind::kNumber, "number"},
                      {&slots.day, FieldKind::kDay, "day"},
                      {&slots.month, FieldKind::kMonth, "month"}};
  // Rewrite right to left within a line so that earlier slots' word indices stay valid.
  std::vector<std::pair<const FieldSlot*, FieldChoice>> rewrites;
  for (const Job& job : jobs) {
    if (!*job.slot) continue;
    const FieldSlot& slot = **job.slot;
    PixelBox box = slot.box;
    box.left = std::max(box.left, 0);
    box.top = std::max(box.top, 0);
    box.right = std::min(box.right, page->width_px);
    box.bottom = std::min(box.bottom, page->height_px);
    if (box.width() < 4 || box.height() < 4) continue;
    const cv::Mat crop = UprightCrop(source, page->source_to_upright, box);
    // Confident plausible print needs no second reading.
    std::optional<FieldChoice> choice;
    if (slot.printed_confidence >= kTrustPrinted) {
      choice = ChooseField(job.kind, {}, slot.printed, slot.printed_confidence);
    }
    if (!choice) {
      const std::vector<ocr::FieldReading> readings = reader.Read(crop, page->dpi, false);
      choice = ChooseField(job.kind, readings, slot.printed, slot.printed_confidence);
    }
    if (!choice) {
      FlagForReview(fmt::format("header {} unreadable", job.name), &page->quality);
      continue;
    }
    spdlog::debug("header {}: OCR '{}' -> '{}' ({:.0f}{})", job.name, slot.printed, choice->value,
                  choice->confidence, choice->uncertain ? ", uncertain" : "");
    if (choice->uncertain) {
      FlagForReview(fmt::format("header {} uncertain", job.name), &page->quality);
    }
    rewrites.emplace_back(&slot, *choice);
  }
  std::sort(rewrites.begin(), rewrites.end(), [](const auto& a, const auto& b) {
    return a.first->line != b.first->line ? a.first->line < b.first->line
                                          : a.first->first_word > b.first->first_word;
  });
  for (const auto& [slot, choice] : rewrites) {
    ReplaceSlotWords(*slot, choice.value, choice.confidence, page);
  }
  return static_cast<int>(rewrites.size());
}

int RereadHeaderFields(const cv::Mat& source, PageText* page) {
  // One reader per worker thread for the thread's lifetime, like the OCR engines.
  thread_local std::unique_ptr<ocr::FieldReader> reader;
  thread_local bool unavailable = false;
  if (!reader && !unavailable) {
    Result<std::unique_ptr<ocr::FieldReader>> created = ocr::FieldReader::Create({});
    if (!created.ok()) {
      spdlog::warn("header fields are not re-read: {}", created.status().message());
      unavailable = true;
      return 0;
    }
    reader = std::move(created).value();
  }
  return reader ? RereadHeaderFields(source, *reader, page) : 0;
}

}  // namespace sohoa::pipeline
