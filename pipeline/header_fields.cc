#include "pipeline/header_fields.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <opencv2/imgproc.hpp>
#include <set>

#include "pipeline/date_anchor.h"
#include "pipeline/field_choice.h"
#include "pipeline/header_anchors.h"
#include "pipeline/header_rows.h"
#include "pipeline/number_slot_ink.h"
#include "pipeline/page_units.h"

namespace sohoa::pipeline {
namespace {

// The years a document of the archive is dated in.
constexpr int kEarliestYear = 1900;
constexpr int kLatestYear = 2099;
// The number's row lies within this many date-row heights of the header's date row.
constexpr int kNumberRowsFromDateRow = 3;
// How far past a number slot's right end, in crop heights, a digit cut there is read again.
constexpr double kPastSlashShare = 0.12;
// A numeral whose slot holds more than this many row heights of ink for each digit read lost
// digits (measured on seven header sets: numerals read right span at most 1.6 for each digit).
constexpr double kMaxInkRowsPerDigit = 2.0;

// The edits of one page's rewrite: words removed, and value words inserted before a word index.
struct PageEdits {
  std::map<int, std::set<int>> removed;                 // line -> word indices
  std::map<int, std::multimap<int, Word>> inserted;     // line -> (before index, word)
  std::map<std::pair<int, int>, std::string> retexted;  // (line, word) -> new text
};

void PlanSlotRewrite(const PageText& page, const FieldSlot& slot, const std::string& value,
                     float confidence, PageEdits* edits) {
  const TextLine& line = page.lines[slot.line];
  if (slot.glued_anchor) {
    edits->retexted[{slot.glued_anchor->line, slot.glued_anchor->word}] = slot.glued_anchor_text;
  }
  // The text layer keeps what is printed ('3', not '03') when the reading agrees with it.
  std::string printed_digits;
  for (char c : slot.printed) {
    if (std::isdigit(static_cast<unsigned char>(c))) printed_digits += c;
  }
  // Only a value read as one word of digits stands as printed: '2 +6 5' is rewritten.
  int words_with_digits = 0;
  for (int w = slot.first_word; w < slot.end_word; ++w) {
    words_with_digits += HasDigit(line.words[w].text) ? 1 : 0;
  }
  const bool agrees = words_with_digits <= 1 && printed_digits == slot.printed &&
                      DigitsValue(printed_digits) >= 0 &&
                      DigitsValue(printed_digits) == DigitsValue(value);
  const bool scattered = !slot.strays.empty() || slot.suffix_word.has_value() || slot.slash_lost;
  if (agrees && !scattered) return;
  Word word;
  word.text = slot.label + (agrees ? printed_digits : value) + slot.suffix;
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
  for (int w = slot.first_word; w < slot.end_word; ++w) edits->removed[slot.line].insert(w);
  for (const WordRef& stray : slot.strays) edits->removed[stray.line].insert(stray.word);
  if (slot.suffix_word) {
    edits->removed[slot.suffix_word->line].insert(slot.suffix_word->word);
    word.box.right = std::max(word.box.right, WordAt(page, *slot.suffix_word).box.right);
  }
  edits->inserted[slot.line].emplace(slot.first_word, std::move(word));
}

void ApplyEdits(const PageEdits& edits, PageText* page) {
  for (const auto& [at, text] : edits.retexted) page->lines[at.first].words[at.second].text = text;
  for (size_t l = 0; l < page->lines.size(); ++l) {
    const int line_index = static_cast<int>(l);
    const auto removed = edits.removed.find(line_index);
    const auto inserted = edits.inserted.find(line_index);
    if (removed == edits.removed.end() && inserted == edits.inserted.end()) continue;
    TextLine& line = page->lines[l];
    std::vector<Word> words;
    for (int w = 0; w <= static_cast<int>(line.words.size()); ++w) {
      if (inserted != edits.inserted.end()) {
        const auto [begin, end] = inserted->second.equal_range(w);
        for (auto it = begin; it != end; ++it) words.push_back(it->second);
      }
      if (w == static_cast<int>(line.words.size())) break;
      if (removed != edits.removed.end() && removed->second.count(w)) continue;
      words.push_back(std::move(line.words[w]));
    }
    line.words = std::move(words);
  }
  // A line whose words all moved to their label's line is gone.
  std::erase_if(page->lines, [](const TextLine& line) { return line.words.empty(); });
}

// Moves the number slot's left and right edges from the words' estimate to the label's end and
// the symbol's slash where the ink shows them (pipeline/number_slot_ink.h). A label no word was
// read as, seen in the ink of the words the slot replaces, is written back with the value.
void FitNumberSlotToInk(const cv::Mat& source, const PageText& page, FieldSlot* number) {
  const FieldSlot& slot = *number;
  const bool has_label = slot.label_box.width() > 0, has_symbol = slot.symbol_box.width() > 0;
  if (!has_label && !has_symbol) return;
  PixelBox band = slot.box;
  if (has_label) band.left = std::min(band.left, slot.label_box.left);
  if (has_symbol) band.right = std::max(band.right, slot.symbol_box.right);
  band.left = std::max(band.left, 0);
  band.right = std::min(band.right, page.width_px);
  if (band.width() < 4 || band.height() < 4) return;
  const cv::Mat row = UprightCrop(source, page.source_to_upright, band);
  int left = slot.box.left, right = slot.box.right;
  auto in_row = [&](const PixelBox& word) {
    return cv::Rect(word.left - band.left, word.top - band.top, word.width(), word.height());
  };
  // The pen's numeral can begin before the words' estimate of the value (below); never before
  // the label's end, or, where the ink did not show it, a row's height past its start (the
  // width of 'Số').
  int pen_stop = has_label ? slot.label_box.left + slot.label_box.height() : band.left;
  if (has_label) {
    const std::optional<LabelInk> label = FindLabelInk(row, in_row(slot.label_box));
    if (label) {
      pen_stop = band.left + label->end;
      left = band.left + label->end;
      // The label's ink was read into the words the slot replaces (no other word of the line
      // covers it): it is written back before the value.
      const TextLine& line = page.lines[slot.line];
      bool covered = false;
      for (int w = 0; w < static_cast<int>(line.words.size()); ++w) {
        const PixelBox& word = line.words[w].box;
        covered |= (w < slot.first_word || w >= slot.end_word) &&
                   word.right > band.left + label->begin && word.left < left;
      }
      if (slot.label_unread && !covered) number->label = "Số:";
    }
  }
  const cv::Rect value(left - band.left, 0, right - left, band.height());
  if (const std::optional<int> pen = PenInkStart(row, value, pen_stop - band.left)) {
    left = band.left + *pen;
  }
  std::optional<SlashStroke> touched_slash;
  if (has_symbol) {
    // The slash is the symbol word's first glyph, or inside it when the numeral was read
    // glued to it; it is never left of the label's end.
    const int from = std::max(left, slot.symbol_box.left - slot.symbol_box.height() / 2);
    const std::optional<SlashInk> slash = FindSlash(row, in_row(slot.symbol_box), from - band.left);
    if (slash) {
      right = band.left + slash->start;
      touched_slash = slash->touched;
      if (touched_slash) {
        const cv::Point offset(band.left, band.top);
        touched_slash->foot += offset;
        touched_slash->top += offset;
      }
    }
  }
  // Less than a narrow digit between them: the ink was misread, keep the estimate.
  if (right - left < slot.box.height() / 6) return;
  number->box.left = left;
  number->box.right = right;
  number->touched_slash = touched_slash;
  if (touched_slash) {
    spdlog::debug("header number: a pen digit touches or leans over the slash, slot ends at {}",
                  right);
  }
}

// Paints `stroke` (in the upright frame) white in `crop`, the upright frame's `area`, a pixel
// wider each side than measured for its blurred rim.
void WhitenStroke(const SlashStroke& stroke, const PixelBox& area, cv::Mat* crop) {
  const cv::Point offset(area.left, area.top);
  cv::line(*crop, stroke.foot - offset, stroke.top - offset, cv::Scalar::all(255), stroke.width + 2,
           cv::LINE_8);
}

// Moves a day or month slot's left side, estimated inside a 'ngày' or 'tháng' read glued to a
// pen stroke ('ngàyZ', 'thángØŸ'), back to the gap between the printed word and the pen's ink:
// pen digits are wider than the printed letters whose share the estimate took, so it fell
// inside the first digit.
void FitDateSlotToInk(const cv::Mat& source, const PageText& page, FieldSlot* slot) {
  const PixelBox& word = slot->label_box;
  if (word.width() <= 0 || slot->box.left <= word.left) return;
  PixelBox band = slot->box;
  band.left = std::max(word.left, 0);
  band.right = std::min(band.right, page.width_px);
  if (band.width() < 4 || band.height() < 4) return;
  const cv::Mat row = UprightCrop(source, page.source_to_upright, band);
  // The row above its descenders (which bridge the gap below the baseline): there a letter's
  // arch and a pen digit's top close the gaps inside them.
  const int centre = CentreY(slot->box) - band.top;
  const std::optional<int> gap =
      InkGapBefore(row, slot->box.left - band.left, word.width() / 2, centre - word.height() / 2,
                   centre + word.height() / 6);
  if (gap) slot->box.left = band.left + *gap;
}

}  // namespace

cv::Mat UprightCrop(const cv::Mat& source, const Affine2D& to_upright, const PixelBox& box) {
  cv::Mat map = (cv::Mat_<double>(2, 3) << to_upright[0], to_upright[1], to_upright[2] - box.left,
                 to_upright[3], to_upright[4], to_upright[5] - box.top);
  cv::Mat crop;
  cv::warpAffine(source, crop, map, cv::Size(box.width(), box.height()), cv::INTER_LINEAR,
                 cv::BORDER_CONSTANT, cv::Scalar::all(255));
  return crop;
}

std::optional<PixelBox> WidenedToInkGap(const cv::Mat& source, const PageText& page,
                                        const PixelBox& box) {
  // The crop is the row and, each way, half a row and a quarter more (RereadHeaderFields).
  const int row_height = box.height() * 4 / 9;
  PixelBox band = box;
  band.left = std::max(0, box.left - row_height);
  if (band.left >= box.left || band.height() < 4) return std::nullopt;
  const cv::Mat row = UprightCrop(source, page.source_to_upright, band);
  cv::Mat grey = row;
  if (row.channels() == 3) cv::cvtColor(row, grey, cv::COLOR_BGR2GRAY);
  cv::Mat ink;
  cv::threshold(grey, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  const int cut_column = box.left - band.left;
  const int centre = CentreY(box) - band.top;
  // The row above its descenders, where a letter's arch and a digit's top close the gaps inside
  // them; where the cut ink lies outside it (an italic digit's foot), the rows of that ink.
  int top = centre - row_height / 2, bottom = centre + row_height / 6;
  if (cv::countNonZero(ink(cv::Range(std::max(0, top), std::min(ink.rows, bottom)),
                           cv::Range(cut_column, cut_column + 1))) == 0) {
    top = bottom = -1;
    for (int y = std::max(0, centre - row_height); y < std::min(ink.rows, centre + row_height);
         ++y) {
      if (ink.at<uchar>(y, cut_column) == 0) continue;
      if (top < 0) top = y;
      bottom = y + 1;
    }
    if (top < 0) return std::nullopt;
  }
  const std::optional<int> gap = InkGapBefore(row, cut_column, 0, top, bottom);
  if (!gap || *gap > cut_column) return std::nullopt;
  PixelBox wider = box;
  wider.left = band.left + *gap;
  // The ink begins at the crop's first column ('1' leaning over the label's colon, which ends
  // the slot): nothing is cut, but a reader takes a thin stroke touching the crop's side for a
  // cut digit's sliver and whitens it. A few columns of margin keep it whole.
  if (*gap == cut_column) wider.left = std::max(band.left, wider.left - row_height / 10 - 1);
  return wider;
}

// `box` (a number slot's crop) widened right to the first column with no ink in the row's core,
// at most a row's height past its right side: a pen digit the slot's end cut in two (a stroke
// of it taken for the symbol's slash), read whole. nullopt when the ink runs on (a digit
// touching the slash: reading on takes the slash in).
std::optional<PixelBox> WidenedRightToInkGap(const cv::Mat& source, const PageText& page,
                                             const PixelBox& box) {
  const int row_height = box.height() * 4 / 9;
  PixelBox band = box;
  band.right = std::min(page.width_px, box.right + row_height);
  if (band.right <= box.right || band.height() < 4) return std::nullopt;
  const cv::Mat row = UprightCrop(source, page.source_to_upright, band);
  const int centre = CentreY(box) - band.top;
  const std::optional<int> gap =
      InkGapAfter(row, box.width(), row.cols - 1, centre - row_height / 2, centre + row_height / 6);
  if (!gap || *gap == box.width()) return std::nullopt;
  PixelBox wider = box;
  wider.right = band.left + *gap;
  return wider;
}

// The date row is the header's when the number's row lies beside it (level with it, or a row
// or two above or below). On a page whose header has no date, the highest date row is one the
// body cites ('Căn cứ Luật … ngày 19 tháng 6 năm 2015'), far below the number.
bool DateRowBesideNumber(const HeaderSlots& slots) {
  const std::optional<FieldSlot>& date = slots.day ? slots.day : slots.month;
  if (!date || !slots.number) return false;
  // A slot's box is its row's height and half that above and below.
  const int row_height = std::max(1, date->box.height() / 2);
  return std::abs(CentreY(slots.number->box) - CentreY(date->box)) <=
         kNumberRowsFromDateRow * row_height;
}

// The year of a word after 'năm' the page pass read with a digit too few or too many: the
// word's crop read again, and the four-digit reading of this century or the last that the
// readings weigh most, when one of them is sure of it.
void ReadYear(const cv::Mat& source, ocr::FieldReader& reader, const PageText& page,
              HeaderSlots* slots) {
  PixelBox box = *slots->misread_year_box;
  const int margin = box.height() / 4;
  box = {std::max(0, box.left - margin), std::max(0, box.top - margin),
         std::min(page.width_px, box.right + margin),
         std::min(page.height_px, box.bottom + margin)};
  if (box.width() < 4 || box.height() < 4) return;
  const cv::Mat crop = UprightCrop(source, page.source_to_upright, box);
  std::map<int, float> weight, best;
  for (const ocr::FieldReading& reading : reader.Read(crop, page.dpi, {})) {
    const int year = reading.text.size() == 4 ? DigitsValue(reading.text) : -1;
    if (year < kEarliestYear || year > kLatestYear) continue;
    weight[year] += ReaderWeight(reading) * std::max(reading.confidence, 1.0f);
    best[year] = std::max(best[year], reading.confidence);
  }
  if (weight.empty()) return;
  const auto chosen =
      std::max_element(weight.begin(), weight.end(),
                       [](const auto& a, const auto& b) { return a.second < b.second; });
  spdlog::debug("header year: re-read '{}' ({:.0f})", chosen->first, best[chosen->first]);
  if (best[chosen->first] < kSureFieldConfidence) return;
  slots->year = chosen->first;
  slots->year_confidence = best[chosen->first];
}

int RereadHeaderFields(const cv::Mat& source, ocr::FieldReader& reader, PageText* page) {
  HeaderSlots slots = FindHeaderSlots(*page);
  struct Job {
    std::optional<FieldSlot>* slot;
    FieldKind kind;
    const char* name;
  };
  enum JobIndex { kNumberJob, kDayJob, kMonthJob };
  const Job jobs[] = {{&slots.number, FieldKind::kNumber, "number"},
                      {&slots.day, FieldKind::kDay, "day"},
                      {&slots.month, FieldKind::kMonth, "month"}};
  // Print is what the page pass reads; a value only the slot's own reading found is the
  // hand-filled kind (pen digits the page pass garbles): `reread`.
  struct Decision {
    FieldChoice choice;
    bool reread = false;
  };
  std::optional<Decision> decided[std::size(jobs)];
  // The month before the day: a day past the month's end ('30' with February) is no reading.
  for (const JobIndex index : {kNumberJob, kMonthJob, kDayJob}) {
    const Job& job = jobs[index];
    if (!*job.slot) continue;
    const std::optional<Decision>& month = decided[kMonthJob];
    const int last_day = job.kind == FieldKind::kDay && month && !month->choice.uncertain
                             ? LastDayOfMonth(DigitsValue(month->choice.value), slots.year)
                             : 31;
    FieldSlot& slot = **job.slot;
    // The slot is its row and half a row above and below; pen digits written larger than the
    // print reach further, so the crop takes a quarter row more each way (the reader whitens
    // what belongs to the lines above and below).
    const int reach = slot.box.height() / 8;
    if (job.kind == FieldKind::kNumber) {
      FitNumberSlotToInk(source, *page, &slot);
    } else {
      FitDateSlotToInk(source, *page, &slot);
    }
    PixelBox box = slot.box;
    box.left = std::max(box.left, 0);
    box.top = std::max(box.top - reach, 0);
    box.right = std::min(box.right, page->width_px);
    box.bottom = std::min(box.bottom + reach, page->height_px);
    if (box.width() < 4 || box.height() < 4) continue;
    // The crop of `area` about the slot; a slash a pen digit touches is whitened in it.
    auto crop_of = [&](const PixelBox& area) {
      cv::Mat crop = UprightCrop(source, page->source_to_upright, area);
      if (slot.touched_slash) WhitenStroke(*slot.touched_slash, area, &crop);
      return crop;
    };
    const cv::Mat crop = crop_of(box);
    // A pen numeral is often written over a stamp's words and along its frame's edge (a stamp
    // takes the header's left column, where the number is); the date lies apart from it, and
    // its thin pen strokes lose pieces in the darkest ink.
    const ocr::FieldReadRequest request{.darkest_ink = job.kind == FieldKind::kNumber};
    // Even confident print is read again: the page pass takes a pen '07' for '01' surely.
    const std::vector<ocr::FieldReading> readings = reader.Read(crop, page->dpi, request);
    if (spdlog::should_log(spdlog::level::debug)) {
      std::string all;
      for (const ocr::FieldReading& r : readings) {
        all += fmt::format(" {}:{}:{:.0f}", r.variant, r.text, r.confidence);
      }
      spdlog::debug("header {} readings:{}", job.name, all);
    }
    // The slot's value from readings of its crop or of one widened from it.
    auto choose = [&](const std::vector<ocr::FieldReading>& of_crop) {
      return ChooseField(job.kind, of_crop, slot.printed, slot.printed_confidence, last_day);
    };
    std::optional<FieldChoice> choice = choose(readings);
    if (!choice) {
      page->quality.AddReviewReason(FieldReviewReason("header", job.name, "unreadable"));
      continue;
    }
    // A pen numeral that runs on left of its slot has lost its first digits, however sure the
    // rest reads (a '6' under the label's colon: '43' for '643'). Where a gap in the ink lies a
    // little further left, the slot is read again from there, and that reading stands when it
    // is the first one with digits before it ('19' for '9'). (The same on the right side
    // measured worse: the symbol's slash or 'Q' read as a digit, '5259' for '525'.)
    bool cut_at_left = ocr::InkCutAtLeft(crop);
    std::optional<PixelBox> wider;
    if (cut_at_left) wider = WidenedToInkGap(source, *page, box);
    // Never into the number's label: 'Số' reads as '36'.
    if (wider && job.kind == FieldKind::kNumber && slot.label_box.width() > 0 &&
        wider->left < slot.label_box.left + slot.label_box.height()) {
      wider.reset();
    }
    if (wider) {
      const cv::Mat wider_crop = crop_of(*wider);
      const std::optional<FieldChoice> wider_choice =
          choose(reader.Read(wider_crop, page->dpi, request));
      // Day and month come padded ('09'): the digits read are compared.
      auto digits = [](const std::string& value) {
        return value.substr(std::min(value.find_first_not_of('0'), value.size()));
      };
      const std::string before = digits(choice->value);
      const std::string after = wider_choice ? digits(wider_choice->value) : std::string();
      if (after.size() > before.size() && after.ends_with(before)) {
        spdlog::debug("header {}: widened to the ink's gap, '{}' -> '{}'", job.name, choice->value,
                      wider_choice->value);
        choice = wider_choice;
        slot.box.left = wider->left;
        cut_at_left = ocr::InkCutAtLeft(wider_crop);
      }
    }
    // A pen numeral written up to the symbol's slash: the slot, which ends where the slash's
    // ink starts, may cut its last digit, and the stem left of it reads as a '1'. Read a
    // little past the cut, another last digit stands for it (pipeline/field_choice.h). Only
    // a '1': read past the cut, a whole digit touching the slash takes its stroke in ('874'
    // read '871').
    if (job.kind == FieldKind::kNumber && slot.symbol_box.width() > 0 &&
        EndsInCutStem(choice->value) && ocr::InkCutAtRight(crop)) {
      PixelBox wider = box;
      wider.right =
          std::min(page->width_px, box.right + static_cast<int>(box.height() * kPastSlashShare));
      const cv::Mat wider_crop = crop_of(wider);
      const std::optional<FieldChoice> wider_choice =
          choose(reader.Read(wider_crop, page->dpi, request));
      const std::optional<std::string> past =
          wider_choice ? ReadPastRightCut(choice->value, wider_choice->value) : std::nullopt;
      if (past) {
        spdlog::debug("header {}: read past the cut at its right, '{}' -> '{}'", job.name,
                      choice->value, *past);
        choice = wider_choice;
        choice->value = *past;
        choice->uncertain = true;
      }
    }
    if (choice->value != ComparableReading(job.kind, slot.printed) && cut_at_left) {
      choice->uncertain = true;
    }
    // A frame's edge through the digits, or a digit the readers took for no digit, leaves
    // fewer digits read than the ink holds ('1' of a pen '4448'): the value may be any.
    if (job.kind == FieldKind::kNumber) {
      const int row_height = std::max(1, slot.box.height() / 2);
      const double rows_per_digit = static_cast<double>(CoreInkWidth(crop, row_height)) /
                                    row_height / std::max<size_t>(1, choice->value.size());
      if (rows_per_digit > kMaxInkRowsPerDigit) {
        spdlog::debug("header number: '{}' read from {:.1f} row heights of ink a digit",
                      choice->value, rows_per_digit);
        // A digit cut in two by the slot's end reads as no digit: read on to the ink's gap,
        // and take one more digit after those read.
        const std::optional<PixelBox> wider =
            slot.symbol_box.width() > 0 && ocr::InkCutAtRight(crop)
                ? WidenedRightToInkGap(source, *page, box)
                : std::nullopt;
        const std::optional<FieldChoice> wider_choice =
            wider ? choose(reader.Read(crop_of(*wider), page->dpi, request)) : std::nullopt;
        if (wider_choice && wider_choice->value.size() == choice->value.size() + 1 &&
            wider_choice->value.starts_with(choice->value)) {
          spdlog::debug("header number: read on to the ink's gap at its right, '{}' -> '{}'",
                        choice->value, wider_choice->value);
          choice = wider_choice;
        }
        choice->uncertain = true;
      }
    }
    spdlog::debug("header {}: OCR '{}' ({:.0f}) -> '{}' ({:.0f}{})", job.name, slot.printed,
                  slot.printed_confidence, choice->value, choice->confidence,
                  choice->uncertain ? ", uncertain" : "");
    if (choice->uncertain) {
      page->quality.AddReviewReason(FieldReviewReason("header", job.name, "uncertain"));
    }
    decided[index] = Decision{*choice, ComparableReading(job.kind, slot.printed) != choice->value};
  }
  std::vector<std::pair<const FieldSlot*, FieldChoice>> rewrites;
  for (size_t index = 0; index < std::size(jobs); ++index) {
    if (!decided[index]) continue;
    const FieldChoice& choice = decided[index]->choice;
    page->header_reads.push_back({jobs[index].name, choice.value, choice.confidence,
                                  choice.uncertain, decided[index]->reread});
    rewrites.emplace_back(&**jobs[index].slot, choice);
  }
  // The printed year: with the day and month it dates the document where the text's order
  // hides the date row from the metadata (pipeline/document_metadata.h). Only the header's
  // date row has it.
  if (DateRowBesideNumber(slots)) {
    if (slots.year == 0 && slots.misread_year_box) ReadYear(source, reader, *page, &slots);
    if (slots.year > 0) {
      page->header_reads.push_back({"year", std::to_string(slots.year), slots.year_confidence,
                                    /*uncertain=*/false, /*reread=*/false});
    }
  }
  PageEdits edits;
  for (const auto& [slot, choice] : rewrites) {
    PlanSlotRewrite(*page, *slot, choice.value, choice.confidence, &edits);
  }
  ApplyEdits(edits, page);
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

int RereadHeaderFields(const cv::Mat& source, ocr::OcrEngine& engine, PageText* page) {
  RecoverNumberRow(source, engine, page);
  RecoverDayAnchor(source, engine, page);
  return RereadHeaderFields(source, page);
}

}  // namespace sohoa::pipeline
