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

// The years (1900-2100) `key` writes after 'năm' ('năm 2024'): a document's own number
// ('2094/KH-UBND') is no year.
std::vector<int> YearsIn(const std::string& key);

// The date of `key` ('Bình Liêu, ngày 06 tháng 6 năm 202“') whose year OCR read a digit short,
// a pen stroke or a stamp's ink over the lost one: completed with the one year of `years` (the
// years the document writes elsewhere) it is with a digit lost. nullopt when `key` has no such
// date after a comma (the place's), or no year or more than one completes it.
std::optional<DateMatch> FindDateWithShortYear(const std::string& key,
                                               const std::vector<int>& years);

// The date of line `i` of `lines`, its words possibly spread over the next lines before `end`
// ('ngày 17' / 'tháng' / '1 năm 2024': a hand-filled value on its own baseline splits the
// row). Only a date that starts on line `i` counts.
std::optional<DateMatch> FindDateFrom(const std::vector<KeyedLine>& lines, std::size_t i,
                                      std::size_t end, bool loose);

}  // namespace sohoa::index
