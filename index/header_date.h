// The date of a Vietnamese administrative document as its header writes it: 'ngày 17 tháng 01
// năm 2025' after the place, read from OCR text keys (KeyedLine: folded, lower-case), with
// the misreadings OCR makes of the digits and of what lies between them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "index/keyed_line.h"

namespace sohoa::index {

struct DateMatch {
  std::string iso;        // YYYY-MM-DD
  std::size_t start = 0;  // where 'ngày' begins in the key (loose: the day)
};

// The digits of `text` with OCR's letter look-alikes read as digits ('o' 0, 'l' and 'i' 1).
std::string OcrDigits(std::string text);

// The first plausible date in `key`. `loose`: 'ngày' itself unread (a stamp's edge over it),
// the day right before 'tháng'.
std::optional<DateMatch> FindDate(const std::string& key, bool loose = false);

// The date of line `i` of `lines`, its words possibly spread over the next lines before `end`
// ('ngày 17' / 'tháng' / '1 năm 2024': a hand-filled value on its own baseline splits the
// row). Only a date that starts on line `i` counts.
std::optional<DateMatch> FindDateFrom(const std::vector<KeyedLine>& lines, std::size_t i,
                                      std::size_t end, bool loose);

}  // namespace sohoa::index
