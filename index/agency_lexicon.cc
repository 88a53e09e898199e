#include "index/agency_lexicon.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "index/agency_name.h"
#include "index/keyed_line.h"
#include "index/vietnamese_text.h"

namespace sohoa::index {
namespace {

// Bodies: their name's end may stand at a name's start with its first letters lost.
constexpr const char* kBodies[] = {
    "ỦY BAN NHÂN DÂN",
    "HỘI ĐỒNG NHÂN DÂN",
    "VĂN PHÒNG",
    "TRUNG TÂM",
    "CHI NHÁNH",
    "CHI CỤC",
    "NGÂN HÀNG NHÀ NƯỚC VIỆT NAM",
    "KHO BẠC NHÀ NƯỚC",
    "BẢO HIỂM XÃ HỘI",
    "CỤC THUẾ",
    "THANH TRA",
    "BAN QUẢN LÝ",
    "BAN CHỈ ĐẠO",
    "BỘ CHỈ HUY QUÂN SỰ",
    "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
    "MẶT TRẬN TỔ QUỐC VIỆT NAM",
    "LIÊN ĐOÀN LAO ĐỘNG",
    "SỞ NỘI VỤ",
    "SỞ TƯ PHÁP",
    "SỞ TÀI CHÍNH",
    "SỞ Y TẾ",
    "SỞ XÂY DỰNG",
    "SỞ CÔNG THƯƠNG",
    "SỞ NGOẠI VỤ",
    "SỞ DU LỊCH",
    "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
    "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
    "SỞ GIAO THÔNG VẬN TẢI",
    "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN",
    "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
    "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
    "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
    "SỞ VĂN HÓA VÀ THỂ THAO",
    "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
    "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
    "SỞ DÂN TỘC VÀ TÔN GIÁO",
};

// Administrative units: a place's name follows.
constexpr const char* kUnits[] = {
    "TỈNH", "THÀNH PHỐ", "HUYỆN", "QUẬN", "THỊ XÃ", "THỊ TRẤN", "PHƯỜNG",
};

// Provinces (as before the 2025 merger, which kept 34 of these names), after 'TỈNH'.
constexpr const char* kProvinces[] = {
    "AN GIANG",    "BÀ RỊA - VŨNG TÀU", "BẮC GIANG",  "BẮC KẠN",        "BẠC LIÊU",   "BẮC NINH",
    "BẾN TRE",     "BÌNH ĐỊNH",         "BÌNH DƯƠNG", "BÌNH PHƯỚC",     "BÌNH THUẬN", "CÀ MAU",
    "CAO BẰNG",    "ĐẮK LẮK",           "ĐẮK NÔNG",   "ĐIỆN BIÊN",      "ĐỒNG NAI",   "ĐỒNG THÁP",
    "GIA LAI",     "HÀ GIANG",          "HÀ NAM",     "HÀ TĨNH",        "HẢI DƯƠNG",  "HẬU GIANG",
    "HÒA BÌNH",    "HƯNG YÊN",          "KHÁNH HÒA",  "KIÊN GIANG",     "KON TUM",    "LAI CHÂU",
    "LÂM ĐỒNG",    "LẠNG SƠN",          "LÀO CAI",    "LONG AN",        "NAM ĐỊNH",   "NGHỆ AN",
    "NINH BÌNH",   "NINH THUẬN",        "PHÚ THỌ",    "PHÚ YÊN",        "QUẢNG BÌNH", "QUẢNG NAM",
    "QUẢNG NGÃI",  "QUẢNG NINH",        "QUẢNG TRỊ",  "SÓC TRĂNG",      "SƠN LA",     "TÂY NINH",
    "THÁI BÌNH",   "THÁI NGUYÊN",       "THANH HÓA",  "THỪA THIÊN HUẾ", "TIỀN GIANG", "TRÀ VINH",
    "TUYÊN QUANG", "VĨNH LONG",         "VĨNH PHÚC",  "YÊN BÁI",
};

// At most this many words of stray print after a whole name are dropped.
constexpr size_t kMostStrayWordsAfterName = 3;

struct Entry {
  std::string display;
  std::string letters;  // folded, letters and digits only
  size_t words = 0;
  bool body = false;
  // Units of one word ('PHÒNG' is one letter off 'PHƯỜNG') and provinces ('QUẢNG NAM' and
  // 'QUẢNG NINH' are three letters apart): only their marks are corrected.
  bool exact_only = false;
};

std::string Letters(std::string_view text) {
  const KeyedLine line(text);  // outlives the loop over its key
  std::string letters;
  for (char c : line.key()) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) letters += c;
  }
  return letters;
}

std::vector<Entry> MakeEntries(const auto& names, bool body, bool exact_only) {
  std::vector<Entry> entries;
  for (const char* name : names) {
    const size_t words = SplitWords(name).size();
    entries.push_back({name, Letters(name), words, body, exact_only});
  }
  return entries;
}

// How many letters OCR may have got wrong in a run read as a name of `length` letters.
int Allowed(size_t length) {
  if (length < 6) return 0;
  if (length < 12) return 1;
  if (length < 18) return 2;
  return 3;
}

struct Match {
  const Entry* entry = nullptr;
  size_t words = 0;  // of the name, replaced
  int distance = 0;
  bool ambiguous = false;
  bool from_tail = false;  // the run is the end of the entry's name
};

// The entry of `entries` the run of words from `at` was read from, if one stands out.
// `name_start`: the run may be the end of a body's name.
Match BestMatch(const std::vector<std::string>& words, const std::vector<std::string>& letters,
                size_t at, const std::vector<Entry>& entries, bool name_start) {
  Match best;
  for (const Entry& entry : entries) {
    // A name's end may be any two of its words or more; a name read whole, one word less or
    // more (two run together, one split).
    const bool tail_allowed = name_start && entry.body && entry.words >= 3;
    const size_t shortest = tail_allowed ? 2 : std::max<size_t>(entry.words, 2) - 1;
    for (size_t count = shortest; count <= entry.words + 1 && at + count <= words.size(); ++count) {
      std::string run;
      for (size_t i = at; i < at + count; ++i) run += letters[i];
      if (run.empty()) continue;
      int distance = EditDistance(run, entry.letters);
      bool fits = distance <= (entry.exact_only ? 0 : Allowed(entry.letters.size()));
      bool from_tail = false;
      if (!fits && tail_allowed) {
        // The end of the name, half of it or more; a name of three words or more, and two of
        // them at least: a word alone may be a name of its own ('PHÒNG' of 'VĂN PHÒNG').
        for (size_t cut = 1; cut <= entry.letters.size() / 2; ++cut) {
          const std::string tail = entry.letters.substr(cut);
          const int tail_distance = EditDistance(run, tail);
          if (tail_distance <= Allowed(tail.size()) && tail_distance < distance) {
            distance = tail_distance;
            fits = true;
            from_tail = true;
          }
        }
      }
      if (!fits) continue;
      if (best.entry == nullptr || distance < best.distance ||
          (distance == best.distance && entry.letters.size() > best.entry->letters.size())) {
        best = {&entry, count, distance, false, from_tail};
      } else if (distance == best.distance && &entry != best.entry &&
                 entry.letters.size() == best.entry->letters.size()) {
        best.ambiguous = true;
      }
    }
  }
  // A name's end shared by two bodies ('NHÂN DÂN') says which neither is.
  if (best.entry != nullptr && best.from_tail) {
    for (const Entry& other : entries) {
      if (&other == best.entry || !other.body) continue;
      std::string run;
      for (size_t i = at; i < at + best.words; ++i) run += letters[i];
      if (other.letters.size() >= run.size() &&
          EditDistance(run, other.letters.substr(other.letters.size() - run.size())) <=
              best.distance) {
        best.ambiguous = true;
      }
    }
  }
  return best;
}

// The unit a word or two from `at` were misread from where a unit is due (`after_council`: right
// after a people's committee's or council's name, 'ỦY BAN NHÂN DÂN TRỊ XÃ'), or where a province
// read as printed follows ('TỪNH QUẢNG NINH'), one letter off; a unit of four letters ('QUẬN'
// is one letter off 'QUẢNG') only so. 'PHỐ' alone after a council's name is what a stamp's
// edge left of 'THÀNH PHỐ'. A null entry when none, or more than one, is that near.
Match UnitDue(const std::vector<std::string>& words, const std::vector<std::string>& letters,
              size_t at, const std::vector<Entry>& entries, const std::vector<Entry>& provinces,
              bool after_council) {
  Match best;
  if (after_council && letters[at] == "pho") {
    for (const Entry& entry : entries) {
      if (entry.display == "THÀNH PHỐ") best = {&entry, 1, 1, false, true};
    }
    return best;
  }
  for (const Entry& entry : entries) {
    if (entry.body || entry.letters.size() < 4) continue;
    const size_t count = entry.words;
    if (at + count > words.size()) continue;
    std::string run;
    for (size_t i = at; i < at + count; ++i) run += letters[i];
    if (EditDistance(run, entry.letters) != 1) continue;
    const bool province_follows = at + count < words.size() && entry.display == "TỈNH" &&
                                  BestMatch(words, letters, at + count, provinces, false).entry;
    if (!province_follows && (!after_council || entry.letters.size() < 5)) continue;
    if (best.entry != nullptr) return {};
    best = {&entry, count, 1, false, false};
  }
  return best;
}

// How many words at the name's start are an incoming-mail stamp's heading ('CÔNG VĂN ĐẾN')
// laid over the agency's block: two of its words in a row or more, each one letter off at most
// and one of them as printed ('CÔNG VAN', 'VĂN ĐEM'), with a body's name right after them (a
// word alone may start a name: 'CÔNG AN', 'BAN QUẢN LÝ'). 0 when none.
size_t StampHeadingWords(const std::vector<std::string>& words,
                         const std::vector<std::string>& letters, const std::vector<Entry>& names) {
  static const std::string kHeading[] = {"cong", "van", "den"};
  for (size_t first = 0; first + 1 < std::size(kHeading); ++first) {
    size_t count = 0;
    bool as_printed = false;
    while (count < letters.size() && first + count < std::size(kHeading) &&
           EditDistance(letters[count], kHeading[first + count]) <= 1) {
      as_printed = as_printed || letters[count] == kHeading[first + count];
      ++count;
    }
    if (count < 2 || !as_printed || count >= words.size()) continue;
    const Match body = BestMatch(words, letters, count, names, false);
    if (body.entry != nullptr && body.entry->body && !body.ambiguous) return count;
  }
  return 0;
}

}  // namespace

std::string CorrectAgencyWords(const std::string& name) {
  static const std::vector<Entry> kNames = [] {
    std::vector<Entry> entries = MakeEntries(kBodies, true, false);
    for (const char* unit : kUnits) {
      const bool one_word = SplitWords(unit).size() == 1;
      entries.push_back(MakeEntries(std::vector<const char*>{unit}, false, one_word).front());
    }
    return entries;
  }();
  static const std::vector<Entry> kProvinceNames = MakeEntries(kProvinces, false, true);
  std::vector<std::string> words;
  for (size_t begin = 0; begin < name.size();) {
    const size_t end = std::min(name.find(' ', begin), name.size());
    if (end > begin) words.push_back(name.substr(begin, end - begin));
    begin = end + 1;
  }
  std::vector<std::string> letters;
  for (const std::string& word : words) letters.push_back(Letters(word));
  size_t start = StampHeadingWords(words, letters, kNames);
  words.erase(words.begin(), words.begin() + start);
  letters.erase(letters.begin(), letters.begin() + start);
  // One-letter leftovers of the name's first word, in front of a body's name's end.
  start = 0;
  while (start < 2 && start + 1 < words.size() && letters[start].size() == 1) ++start;
  if (start > 0) {
    const Match match = BestMatch(words, letters, start, kNames, true);
    if (match.entry == nullptr || match.ambiguous || !match.entry->body) start = 0;
  }
  std::vector<std::string> out;
  bool after_province_unit = false;
  bool after_council = false;
  // Where the last whole name ended in `out` (a province after its unit, or a body's name of
  // three words or more but a council's), and whether a word after it was read as a name's.
  size_t name_end = 0;
  bool named_after_end = false;
  for (size_t at = start; at < words.size();) {
    const std::vector<Entry>& entries = after_province_unit ? kProvinceNames : kNames;
    Match match = BestMatch(words, letters, at, entries, at == start);
    if ((match.entry == nullptr || match.ambiguous) && !after_province_unit) {
      match = UnitDue(words, letters, at, kNames, kProvinceNames, after_council);
    }
    after_council = false;
    if (match.entry == nullptr || match.ambiguous) {
      if (after_province_unit) {
        after_province_unit = false;
        continue;
      }
      out.push_back(words[at++]);
      continue;
    }
    out.push_back(match.entry->display);
    named_after_end = true;
    after_council = match.entry->body && match.entry->display.ends_with("NHÂN DÂN");
    // A council's name goes on with its unit and place ('ỦY BAN NHÂN DÂN TỈNH ...').
    if (after_province_unit || (match.entry->body && match.entry->words >= 3 && !after_council)) {
      name_end = out.size();
      named_after_end = false;
    }
    after_province_unit = match.entry->display == "TỈNH";
    at += match.words;
  }
  // What a stamp's small print or its frame left after a whole name ('... TRUYỀN THÔNG A ONG
  // VẬN', '... TỈNH QUẢNG NINH UBND TÌN'): up to three words, none read as a name's, one of them
  // a letter alone or no Vietnamese syllable nor standard abbreviation. Well-formed words
  // there may be a body's own name the lexicon lacks ('BAN DÂN TỘC'), and numerals its number
  // ('BAN CHỈ ĐẠO 138'): they stay.
  const size_t trailing = out.size() - name_end;
  if (name_end > 0 && trailing > 0 && trailing <= kMostStrayWordsAfterName && !named_after_end &&
      std::any_of(out.begin() + name_end, out.end(), [](const std::string& word) {
        const std::string letters = Letters(word);
        const bool numeral = letters.find_first_not_of("0123456789") == std::string::npos;
        return !numeral && (letters.size() == 1 || NameFormOf(word).malformed > 0);
      })) {
    out.resize(name_end);
  }
  std::string corrected;
  for (const std::string& word : out) {
    if (!corrected.empty()) corrected += ' ';
    corrected += word;
  }
  return corrected;
}

}  // namespace sohoa::index
