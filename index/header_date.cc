#include "index/header_date.h"

#include <chrono>
#include <cstdio>
#include <regex>
#include <string_view>

namespace sohoa::index {

std::string OcrDigits(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == 'o') c = '0';
    // OCR reads 1 as l or I, and a pen's 1 with a foot or a hook as a bracket or a bar.
    if (c == 'l' || c == 'i' || c == ']' || c == '|') c = '1';
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

namespace {

// A header date up to its year ('ngay 17 thang 01 nam '), the day and the month captured (see
// FindDate for what OCR puts between them). Between 'ngày N' and 'M năm YYYY' a 't…ng' is
// 'tháng' however OCR spelt it ('táng', 'tiếng').
constexpr std::string_view kDayAndMonth =
    R"(ngay *([0-9oli][0-9oli|\] ]{0,2}?) *(?:[^0-9 ]{1,3} +){0,2}t[a-z?]{1,3}ng *[^0-9a-z ]?([0-9oli][0-9oli|\] ]{0,2}?) *[^0-9a-z|\] ]? *[nr][a-z?]{2,3} *[-.]? *)";

// 'YYYY-MM-DD' of a year and the day and month as OCR read them; nullopt out of range.
std::optional<std::string> IsoDate(int year, const std::string& day_read,
                                   const std::string& month_read) {
  const std::string day = OcrDigits(day_read), month = OcrDigits(month_read);
  if (day.empty() || month.empty()) return std::nullopt;
  const int d = std::stoi(day), m = std::stoi(month);
  if (d < 1 || d > 31 || m < 1 || m > 12 || year < 1900 || year > 2100) return std::nullopt;
  // A day the month has not ('ngày 30 tháng 02': a pen '1' read '3') is a misreading.
  const std::chrono::year_month_day date{std::chrono::year(year),
                                         std::chrono::month(static_cast<unsigned>(m)),
                                         std::chrono::day(static_cast<unsigned>(d))};
  if (!date.ok()) return std::nullopt;
  char iso[16];
  std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, m, d);
  return iso;
}

}  // namespace

std::optional<DateMatch> FindDate(const std::string& key, bool loose) {
  // Specks or a stamp's letters read between the day and 'tháng' ('ngày 29 PA: tháng'), a
  // quote before the month ("tháng '9"), and a stroke read as a digit before the year
  // ('năm 12024': exactly four digits follow it). OCR drops the thin 'h' of 'tháng' ('táng')
  // and misreads the diacritics of 'năm' ('näằ'), its 'm' as two letters ('nãnn', 'narn') or its
  // 'n' as an 'r' ('răm'), a speck or a stamp's mark before it (':răm', '/năm'): an 'n' or 'r'
  // and two or three letters before the year.
  static const std::regex kDate(
      std::string(kDayAndMonth) +
      R"((?:[0-9oli] ?(?=[0-9oli]{4}(?![0-9])))?([0-9oli](?: ?[0-9oli]){3}))");
  static const std::regex kLooseDate(
      R"((?:^|[^0-9a-z])([0-9][0-9oli]?) *th?ang *([0-9oli][0-9oli ]{0,2}?) *[^0-9a-z|\] ]? *[nr][a-z?]{2,3} *[-.]? *(?:[0-9oli] ?(?=[0-9oli]{4}(?![0-9])))?([0-9oli](?: ?[0-9oli]){3}))");
  std::smatch match;
  if (!std::regex_search(key, match, loose ? kLooseDate : kDate)) return std::nullopt;
  const std::string year = OcrDigits(match[3]);
  if (year.size() != 4) return std::nullopt;
  std::optional<std::string> iso = IsoDate(std::stoi(year), match[1], match[2]);
  if (!iso) return std::nullopt;
  return DateMatch{*iso, static_cast<size_t>(loose ? match.position(1) : match.position(0))};
}

std::vector<int> YearsIn(const std::string& key) {
  static const std::regex kYear(R"(n[a-z?]{2,3} *((?:19|20)[0-9]{2}|2100)(?![0-9]))");
  std::vector<int> years;
  for (auto it = std::sregex_iterator(key.begin(), key.end(), kYear); it != std::sregex_iterator();
       ++it) {
    years.push_back(std::stoi((*it)[1]));
  }
  return years;
}

std::optional<DateMatch> FindDateWithShortYear(const std::string& key,
                                               const std::vector<int>& years) {
  static const std::regex kShortYearDate(std::string(kDayAndMonth) +
                                         R"(([0-9oli] ?[0-9oli] ?[0-9oli])(?![0-9oli]))");
  std::smatch match;
  if (!std::regex_search(key, match, kShortYearDate)) return std::nullopt;
  if (key.substr(0, match.position(0)).find(',') == std::string::npos) return std::nullopt;
  const std::string digits = OcrDigits(match[3]);
  if (digits.size() != 3) return std::nullopt;
  std::optional<int> year;
  for (int candidate : years) {
    const std::string written = std::to_string(candidate);
    bool completes = false;
    for (size_t lost = 0; lost < written.size(); ++lost) {
      completes |= std::string(written).erase(lost, 1) == digits;
    }
    if (!completes || candidate == year) continue;
    if (year) return std::nullopt;
    year = candidate;
  }
  if (!year) return std::nullopt;
  std::optional<std::string> iso = IsoDate(*year, match[1], match[2]);
  if (!iso) return std::nullopt;
  return DateMatch{*iso, static_cast<size_t>(match.position(0))};
}

std::optional<DateMatch> FindDateFrom(const std::vector<KeyedLine>& lines, size_t i, size_t end,
                                      bool loose) {
  std::optional<DateMatch> date = FindDate(lines[i].key(), loose);
  if (date || lines[i].key().find(loose ? "thang" : "ngay") == std::string::npos) return date;
  std::string joined = lines[i].key();
  for (size_t next = i + 1; next < end && next <= i + 2; ++next) {
    joined += ' ' + lines[next].key();
    date = FindDate(joined, loose);
    if (date) return date->start < lines[i].size() ? date : std::nullopt;
  }
  return std::nullopt;
}

}  // namespace sohoa::index
