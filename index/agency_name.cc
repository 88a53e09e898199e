#include "index/agency_name.h"

#include <optional>
#include <string>
#include <vector>

#include "index/document_symbols.h"
#include "index/header_date.h"
#include "index/vietnamese_text.h"

namespace sohoa::index {
namespace {

// Words that open the name of a subordinate body: the line above them is the parent.
constexpr const char* kSubordinateStarts[] = {
    "so ",       "van phong", "trung tam",  "chi nhanh", "phong ",    "ban ",
    "cuc ",      "chi cuc",   "vien ",      "truong ",   "benh vien", "cong an",
    "thanh tra", "kho bac",   "bo chi huy", "doan ",     "hoi dong",
};

}  // namespace

AgencyName ReadAgencyName(const std::vector<KeyedLine>& lines, size_t end) {
  AgencyName name;
  std::vector<std::string> names;
  std::vector<std::string> keys;
  for (size_t i = 0; i < end; ++i) {
    const KeyedLine& line = lines[i];
    std::string key = line.key();
    if (key.starts_with("mau ") || OcrDigits(key) == key) continue;  // form code, page number
    const bool motto_second_row =
        key.find("doc lap") != std::string::npos && key.find("tu do") != std::string::npos;
    if (motto_second_row) continue;
    size_t motto = key.find("cong hoa xa hoi");
    std::string text = motto == std::string::npos ? line.text() : line.Slice(0, motto);
    key = motto == std::string::npos ? key : key.substr(0, motto);
    text = TrimPunctuation(text);
    if (text.empty() || !IsUppercaseLine(KeyedLine(text))) continue;
    names.push_back(text);
    keys.push_back(CompactKey(key));
  }
  if (names.empty()) return name;
  size_t first_own = 0;
  if (names.size() >= 2) {
    bool parent = keys[0].starts_with("ubnd ");
    for (const char* start : kSubordinateStarts) parent = parent || keys[1].starts_with(start);
    if (parent) {
      name.parent = names[0];
      first_own = 1;
    }
  }
  for (size_t i = first_own; i < names.size(); ++i) {
    if (!name.agency.empty()) name.agency += ' ';
    name.agency += names[i];
  }
  return name;
}

NameForm NameFormOf(const std::string& name) {
  NameForm form;
  for (const std::string& word : SplitWords(name)) {
    const std::optional<std::string> abbreviation = StandardAbbreviation(word);
    ++(IsVietnameseSyllable(word) || (abbreviation && *abbreviation == word) ? form.well_formed
                                                                             : form.malformed);
  }
  return form;
}

bool HoldsStampOrMottoWords(const std::string& name) {
  const std::string key = " " + KeyedLine(name).key() + " ";
  for (const char* words : {" den ", "cong van", "xa hoi", "chu nghia", "doc lap", "ngay", "so:"}) {
    if (key.find(words) != std::string::npos) return true;
  }
  return false;
}

AgencyName ChooseAgencyName(const AgencyName& from_page, const AgencyName& from_block) {
  if (from_block.agency.empty()) return from_page;
  const std::string page = from_page.parent + " " + from_page.agency;
  const NameForm page_form = NameFormOf(page);
  const NameForm block_form = NameFormOf(from_block.parent + " " + from_block.agency);
  const bool page_better =
      page_form.malformed < block_form.malformed && page_form.well_formed >= block_form.well_formed;
  return !HoldsStampOrMottoWords(page) && page_better ? from_page : from_block;
}

}  // namespace sohoa::index
