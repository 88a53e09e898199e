// Stamp values are read from folded keys (index/keyed_line.h), like the header: OCR of a
// stamp drops diacritics and misreads punctuation, and the handwritten values in it are
// often partial, so each value's confidence says how much of its pattern was read.
#include "index/metadata_stamps.h"

#include <cstdio>
#include <regex>

namespace sohoa::index {
namespace {

// The stamp's 'Số:' and 'Ngày:' rows follow its heading within a few lines.
constexpr size_t kStampRows = 5;
// A signature block or urgency mark sits in the upper part of the page's lines.
constexpr size_t kStampLines = 40;

bool Contains(const std::string& haystack, const char* needle) {
  return haystack.find(needle) != std::string::npos;
}

bool HasField(const std::vector<MetaField>& fields, const char* name) {
  for (const MetaField& field : fields) {
    if (field.name == name) return true;
  }
  return false;
}

void Add(std::vector<MetaField>* fields, const char* name, std::string value, float confidence) {
  if (value.empty() || HasField(*fields, name)) return;
  fields->push_back({name, std::move(value), confidence, "stamp"});
}

// 'Số: 2352' with a bare numeral (a document's own number has a '/SYMBOL').
std::string ReceivedNumber(const std::string& key) {
  static const std::regex kNumber(R"(^s ?[o0] *[:;.,]? *([0-9]{1,6})(?![0-9]* *[/-] *[a-z]))");
  std::smatch match;
  return std::regex_search(key, match, kNumber) ? match[1].str() : std::string();
}

// 'Ngày: 21/3/18' or 'Ngày: 21/3' (not the document's 'ngày 21 tháng 3').
bool ReceivedDate(const std::string& key, std::string* iso, float* confidence) {
  static const std::regex kDate(
      R"(^ngay *[:;.,]? *([0-9]{1,2}) *[/.-] *([0-9]{1,2})(?: *[/.-] *([0-9]{4}|[0-9]{2})(?![0-9]))?)");
  std::smatch match;
  if (!std::regex_search(key, match, kDate)) return false;
  const int day = std::stoi(match[1]), month = std::stoi(match[2]);
  if (day < 1 || day > 31 || month < 1 || month > 12) return false;
  char text[16];
  if (match[3].matched) {
    int year = std::stoi(match[3]);
    if (year < 100) year += 2000;
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    *confidence = 70;
  } else {
    // ISO 8601's form of a date without its year.
    std::snprintf(text, sizeof text, "--%02d-%02d", month, day);
    *confidence = 50;
  }
  *iso = text;
  return true;
}

// 'Thời gian ký: 06/05/2024 16:59:22' (OCR may break the label: '.Thời ¡gian ký').
bool SigningTime(const std::string& key, std::string* iso, float* confidence) {
  static const std::regex kTime(
      R"(thoi\W*gian\W*ky\W*([0-9]{1,2}) *[/.-] *([0-9]{1,2}) *[/.-] *([0-9]{4})(?: +([0-9]{1,2}) *: *([0-9]{2})(?: *: *([0-9]{2}))?)?)");
  std::smatch match;
  if (!std::regex_search(key, match, kTime)) return false;
  const int day = std::stoi(match[1]), month = std::stoi(match[2]), year = std::stoi(match[3]);
  if (day < 1 || day > 31 || month < 1 || month > 12 || year < 1990 || year > 2100) return false;
  char text[32];
  if (match[4].matched) {
    const int hour = std::stoi(match[4]), minute = std::stoi(match[5]);
    const int second = match[6].matched ? std::stoi(match[6]) : 0;
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour,
                  minute, second);
    *confidence = hour < 24 && minute < 60 && second < 60 ? 90 : 60;
  } else {
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    *confidence = 70;
  }
  *iso = text;
  return true;
}

// An urgency stamp is an upper-case line of its own: 'HỎA TỐC', 'KHẨN', 'THƯỢNG KHẨN'.
std::string Urgency(const KeyedLine& line) {
  if (line.LowercaseLetters() > 1 || line.UppercaseLetters() < 4) return {};
  std::string key = CompactKey(line.key());
  key.erase(0, std::min(key.size(), key.find_first_not_of(" .,:;'`\"-_~^|*")));
  static const std::pair<const char*, const char*> kUrgencies[] = {{"hoa toc", "HỎA TỐC"},
                                                                   {"thuong khan", "THƯỢNG KHẨN"},
                                                                   {"toi khan", "TỐI KHẨN"},
                                                                   {"khan", "KHẨN"}};
  for (const auto& [urgency_key, name] : kUrgencies) {
    if (key == urgency_key) return name;
  }
  return {};
}

}  // namespace

bool IsIncomingStampHeading(const std::string& compact_key) {
  return compact_key == "den" || Contains(compact_key, "cong van den");
}

std::vector<MetaField> ReadStampFields(const std::vector<KeyedLine>& lines) {
  std::vector<MetaField> fields;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string iso;
    float confidence = 0;
    // The signature block may stand anywhere; its label makes it unmistakable.
    if (SigningTime(lines[i].key(), &iso, &confidence)) Add(&fields, "signed_at", iso, confidence);
    if (i >= kStampLines) continue;
    const std::string compact = CompactKey(lines[i].key());
    // OCR glues a speck to the heading ('ĐẾN H'): a short line starting 'den' counts.
    if (IsIncomingStampHeading(compact) || (compact.rfind("den ", 0) == 0 && compact.size() <= 6)) {
      for (size_t row = i + 1; row < lines.size() && row <= i + kStampRows; ++row) {
        const std::string key = CompactKey(lines[row].key());
        if (!HasField(fields, "received_number")) {
          Add(&fields, "received_number", ReceivedNumber(key), 60);
        }
        if (!HasField(fields, "received_date") && ReceivedDate(key, &iso, &confidence)) {
          Add(&fields, "received_date", iso, confidence);
        }
      }
    }
    Add(&fields, "urgency", Urgency(lines[i]), 80);
  }
  return fields;
}

}  // namespace sohoa::index
