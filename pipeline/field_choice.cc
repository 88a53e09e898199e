#include "pipeline/field_choice.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <string_view>
#include <utility>

namespace sohoa::pipeline {
namespace {

// A field's value is this far ahead of the runner-up, or the document goes to review.
constexpr float kSureShare = 0.6f;
// A page-pass reading this confident stands, unless the digit model overrules it.
constexpr float kTrustPrinted = 85;
// A value whose surest reading is below this is a guess, and left unread.
constexpr float kLeastConfidence = 10;
// The digit model overrules such a confident page reading only this sure, in this many
// renderings at least, all agreeing; or only fairly sure, with a Tesseract line reading of
// the same value.
constexpr float kSureDigitModel = 80;
constexpr float kFairDigitModel = 65;
constexpr int kDigitModelQuorum = 3;
// A confident page reading goes to review when at least this many of Tesseract's line passes
// all read one other value.
constexpr int kLineDissentQuorum = 3;
// How much of a reading's weight also supports a longer reading containing it (a digit pass
// that dropped a pen digit): half, so that one stray longer reading (a slash read as '1')
// does not win on the agreeing shorter ones' weight.
constexpr float kPartSupport = 0.5f;
// The digit model's reading of the crop's darkest ink alone counts for two readings. The other
// renderings are cuts of one grey crop at different levels (ocr/field_reader.h), and err
// together where a stamp's lighter ink or a frame's edge joins the pen's strokes in all of them
// ('198' for a pen '778' under a stamp's words, read so in three); the darkest ink leaves it
// out, and counted once it was outvoted by the same mistake made three times.
constexpr std::string_view kDarkestInkSuffix = "/dark";
constexpr float kDarkestInkWeight = 2.0f;
// A Tesseract line reading of the slot's crop this sure, of the page pass's value, vouches for
// that value as if the page pass had read it so surely.
constexpr float kConfirmingLine = 60;

bool Plausible(FieldKind kind, const std::string& value, int last_day) {
  const int number = DigitsValue(value);
  switch (kind) {
    case FieldKind::kDay:
      return value.size() <= 2 && number >= 1 && number <= last_day;
    case FieldKind::kMonth:
      return value.size() <= 2 && number >= 1 && number <= 12;
    case FieldKind::kNumber:
      // Numbers below ten are written with a leading zero ('01/TB-VPUBND'), no other is: a
      // '074' is a '874' whose '8' a stamp's edge opened.
      return number >= 1 && (value[0] != '0' || value.size() == 2);
  }
  return false;
}

// `longer` is `read` after digits lost before it.
bool LostLeadingDigits(const std::string& read, const std::string& longer) {
  return longer.size() > read.size() && longer.ends_with(read);
}

// `longer` is `read` with one digit more before its last: a digit lost among those read.
bool LostInnerDigit(const std::string& read, const std::string& longer) {
  if (read.size() < 2 || longer.size() != read.size() + 1) return false;
  for (size_t at = 1; at + 1 < longer.size(); ++at) {
    if (longer.compare(0, at, read, 0, at) == 0 &&
        longer.compare(at + 1, std::string::npos, read, at) == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

float ReaderWeight(const ocr::FieldReading& reading) {
  if (!reading.variant.starts_with(ocr::kDigitModelVariantPrefix)) return 0.5f;
  return reading.variant.ends_with(kDarkestInkSuffix) ? kDarkestInkWeight : 1.0f;
}

int LastDayOfMonth(int month, int year) {
  if (month < 1 || month > 12) return 31;
  // 2024 stands for an unread year: February may have its 29th.
  const std::chrono::year_month_day_last last{
      std::chrono::year(year > 0 ? year : 2024),
      std::chrono::month_day_last(std::chrono::month(month))};
  return static_cast<int>(static_cast<unsigned>(last.day()));
}

int DigitsValue(const std::string& digits) {
  if (digits.empty() || digits.size() > 5) return -1;
  for (char c : digits) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
  }
  return std::stoi(digits);
}

std::string ComparableReading(FieldKind kind, std::string value) {
  if (kind != FieldKind::kNumber && !value.empty()) {
    value.erase(0, std::min(value.find_first_not_of('0'), value.size() - 1));
    if (value.size() == 1) value = "0" + value;
  }
  return value;
}

std::optional<FieldChoice> ChooseField(FieldKind kind,
                                       const std::vector<ocr::FieldReading>& readings,
                                       const std::string& printed, float printed_confidence,
                                       int last_day) {
  // Print a stamp's line runs through reads unsure on the page (and a row re-read from a
  // strip is trusted less still), and the digit model, which learnt pen digits, takes its
  // crossed strokes for others ('2' with a bar across its top: '7'). Tesseract reading the
  // same value in the slot's own crop, as a line, vouches for the page pass.
  if (!printed.empty()) {
    for (const ocr::FieldReading& reading : readings) {
      if (reading.variant.ends_with("/line") && reading.confidence >= kConfirmingLine &&
          ComparableReading(kind, reading.text) == ComparableReading(kind, printed)) {
        printed_confidence = std::max(printed_confidence, reading.confidence);
      }
    }
  }
  std::map<std::string, float> votes;
  std::map<std::string, float> best_confidence;
  // What the re-readings gave each value, by how many digits they read: a re-reading may have
  // lost a digit of a longer value (below), one that read as many digits read other ones. The
  // page pass's reading never credits a longer one.
  std::map<std::pair<std::string, size_t>, float> rereading_votes;
  float total = 0;
  auto vote = [&](const std::string& read, float confidence, float weight, bool rereading) {
    const std::string value = ComparableReading(kind, read);
    total += weight * std::max(confidence, 1.0f);
    if (!Plausible(kind, value, last_day)) return;
    votes[value] += weight * std::max(confidence, 1.0f);
    best_confidence[value] = std::max(best_confidence[value], confidence);
    if (rereading) rereading_votes[{value, read.size()}] += weight * std::max(confidence, 1.0f);
  };
  // The full-page pass reads digits in context: its plausible reading counts twice.
  if (!printed.empty()) vote(printed, 2 * printed_confidence, 1, false);
  // Printed digits (and clear handwriting) the full page read confidently stand: the
  // digit-only passes are the weaker reader on print. Unless the digit model, in every
  // rendering and surely, reads as many digits but other ones: a pen digit the page pass took
  // confidently for another ('07' read '01', '30' read '20'), or one it did not see. That
  // value goes to review.
  if (printed_confidence >= kTrustPrinted && votes.size() == 1) {
    const std::string& printed_value = votes.begin()->first;
    std::optional<std::string> model_value;
    float model_confidence = 100;
    int model_readings = 0;
    bool unanimous = true;
    for (const ocr::FieldReading& reading : readings) {
      if (!reading.variant.starts_with(ocr::kDigitModelVariantPrefix)) continue;
      // A rendering the model reads unsurely (the coloured-ink layer holding a stroke or two of
      // the pen's) neither overrules nor vouches.
      if (reading.confidence < kFairDigitModel) continue;
      const std::string value = ComparableReading(kind, reading.text);
      unanimous &= !model_value || *model_value == value;
      model_value = value;
      model_confidence = std::min(model_confidence, reading.confidence);
      ++model_readings;
    }
    // Less sure, the digit model needs Tesseract's line reading of some rendering on its side.
    if (unanimous && model_confidence < kSureDigitModel) {
      unanimous = std::any_of(readings.begin(), readings.end(), [&](const ocr::FieldReading& r) {
        return r.variant.ends_with("/line") && r.confidence >= kFairDigitModel &&
               ComparableReading(kind, r.text) == *model_value;
      });
    }
    // Or more digits, ending with the page pass's: a pen digit it lost before those it read
    // ('42' read '2'), or one digit more among them ('753' read '73'). One more after them may
    // be the symbol's slash read as a '1'.
    const bool lost_digits = model_value && kind == FieldKind::kNumber &&
                             (LostLeadingDigits(printed_value, *model_value) ||
                              LostInnerDigit(printed_value, *model_value));
    if (unanimous && model_readings >= kDigitModelQuorum && *model_value != printed_value &&
        (model_value->size() == printed_value.size() || lost_digits) &&
        Plausible(kind, *model_value, last_day)) {
      return FieldChoice{*model_value, model_confidence, true};
    }
    // It stands, but goes to review when Tesseract's line passes, in enough renderings, all
    // read one other value (however unsure they say they are): a pen '25' the page read '24'.
    std::optional<std::string> line_value;
    int line_readings = 0;
    bool lines_agree = true;
    for (const ocr::FieldReading& reading : readings) {
      if (!reading.variant.ends_with("/line")) continue;
      const std::string value = ComparableReading(kind, reading.text);
      lines_agree &= !line_value || *line_value == value;
      line_value = value;
      ++line_readings;
    }
    const bool lines_dissent = lines_agree && line_readings >= kLineDissentQuorum &&
                               *line_value != printed_value &&
                               Plausible(kind, *line_value, last_day);
    return FieldChoice{printed_value, printed_confidence, lines_dissent};
  }
  for (const ocr::FieldReading& reading : readings) {
    vote(reading.text, reading.confidence, ReaderWeight(reading), true);
  }
  if (votes.empty()) return std::nullopt;
  // The digit passes drop pen digits far more often than they invent them: a re-reading that
  // is part of a longer plausible one ('6' of '76') also supports the longer one. The page
  // pass read the numeral next to its '/SYMBOL'; a re-reading longer than it by a digit has
  // usually taken the slash for a '1' or '4' (1309 -> 13094), so its votes stay its own. A
  // re-reading of as many digits read another one in the first place, no digit lost: a day
  // read '03' is no '3' of '23' (it is voted as one value with a '3', compared unpadded).
  std::map<std::string, float> support = votes;
  for (const auto& [longer, unused] : votes) {
    for (const auto& [read, weight] : rereading_votes) {
      const auto& [shorter, digits_read] = read;
      // Days and months compare unpadded: a lost '1' of '17' reads '7', voted as '07'.
      const std::string part =
          shorter.substr(kind == FieldKind::kNumber ? 0 : shorter.find_first_not_of('0'));
      if (shorter != longer && part.size() < longer.size() && digits_read < longer.size() &&
          longer.find(part) != std::string::npos) {
        support[longer] += kPartSupport * weight;
      }
    }
  }
  votes = std::move(support);
  auto best = std::max_element(votes.begin(), votes.end(),
                               [](const auto& a, const auto& b) { return a.second < b.second; });
  // A value no reader was even a little sure of is a guess: the field is left unread.
  if (best_confidence[best->first] < kLeastConfidence) return std::nullopt;
  FieldChoice choice;
  choice.value = best->first;
  choice.confidence = std::min(100.0f, best_confidence[best->first] * best->second / total);
  // A number some reader saw longer digits in ('572' beside the chosen '2') may have lost
  // digits the surer reader missed: it goes to review however sure the rest reads.
  const bool longer_seen =
      kind == FieldKind::kNumber && std::any_of(votes.begin(), votes.end(), [&](const auto& vote) {
        return vote.first.size() > choice.value.size() &&
               vote.first.find(choice.value) != std::string::npos;
      });
  choice.uncertain = best_confidence[best->first] < kSureFieldConfidence ||
                     best->second < kSureShare * total || longer_seen;
  return choice;
}

bool EndsInCutStem(const std::string& number) { return number.size() >= 2 && number.back() == '1'; }

std::optional<std::string> ReadPastRightCut(const std::string& cut, const std::string& wider) {
  if (!EndsInCutStem(cut)) return std::nullopt;
  std::string after = wider;
  if (after.size() == cut.size() + 1 && after.back() == '1') after.pop_back();
  if (after.size() != cut.size() || after.back() == cut.back() ||
      after.compare(0, cut.size() - 1, cut, 0, cut.size() - 1) != 0) {
    return std::nullopt;
  }
  return after;
}

}  // namespace sohoa::pipeline
