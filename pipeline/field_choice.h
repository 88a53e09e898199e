// Choosing a hand-filled header field's value from its readings: the full-page pass's, the
// field reader's Tesseract passes' and the handwritten-digit model's (ocr/field_reader.h), by
// plausibility and weighted agreement.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ocr/field_reader.h"

namespace sohoa::pipeline {

enum class FieldKind { kNumber, kDay, kMonth };

struct FieldChoice {
  std::string value;
  float confidence = 0;  // 0..100: agreement-weighted
  bool uncertain = false;
};

// A field's value is at least this confident, or the document goes to review.
inline constexpr float kSureFieldConfidence = 60;

// Picks the plausible value (day 1 to `last_day`, month 1-12, a numeral of 1-5 digits) the
// readings and the full-page OCR agree on most, weighted by confidence. nullopt when nothing
// is plausible.
std::optional<FieldChoice> ChooseField(FieldKind kind,
                                       const std::vector<ocr::FieldReading>& readings,
                                       const std::string& printed, float printed_confidence,
                                       int last_day = 31);

// The last day of `month` (1-12) in `year`; of February in a leap year when `year` is 0
// (unread). 31 for a month out of range.
int LastDayOfMonth(int month, int year);

// How much one reading's vote counts. Tesseract's digit passes invent digits in pen strokes
// ('1' for a 9, '7' for a 2) far more often than the handwritten-digit model does: theirs count
// for half. The model's reading of the darkest ink alone, the one rendering that leaves a
// stamp's lighter ink out, counts twice.
float ReaderWeight(const ocr::FieldReading& reading);

// A pen numeral whose slot cut its last digit where it touches the symbol's slash reads with
// a '1' last (the cut digit's stem: '2641' for '2644'). True for a reading that may be so: a
// '1' after another digit.
bool EndsInCutStem(const std::string& number);

// `wider`, the numeral read again a little past the cut, stands for `cut` when `cut` ends in a
// cut stem and `wider` reads the same digits before another last digit (a trailing '1' left
// out: the slash's first stroke). nullopt otherwise.
std::optional<std::string> ReadPastRightCut(const std::string& cut, const std::string& wider);

// `digits` as a number when it is one to five digits, else -1.
int DigitsValue(const std::string& digits);

// `value` as readings of `kind` compare: days and months as two digits ('7' and '07' are one
// value), numbers as read.
std::string ComparableReading(FieldKind kind, std::string value);

}  // namespace sohoa::pipeline
