// Reads the header of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP layout)
// from OCR text. Patterns run on folded keys (KeyedLine) so that missing or wrong diacritics,
// 'S0:' and 'QÐ' (Icelandic eth) do not matter; values are cut from the original text.
#include "index/metadata.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "index/agency_lexicon.h"
#include "index/agency_name.h"
#include "index/document_number.h"
#include "index/document_symbols.h"
#include "index/document_types.h"
#include "index/header_date.h"
#include "index/keyed_line.h"
#include "index/metadata_stamps.h"
#include "index/vietnamese_text.h"

namespace sohoa::index {
namespace {

// A header sits near the top of the page; body lines further down may quote numbers/dates.
// Counted in lines of some length: a stamp over the header adds short specks as lines.
constexpr size_t kHeaderLines = 16;
constexpr size_t kTitleLines = 26;
constexpr size_t kCountedLineChars = 6;
// A date row's place name ('Quảng Ninh', 'Thị xã Quảng Yên') is this short at most.
constexpr long kMaxPlaceWords = 4;
constexpr int kMaxPlaceChars = 24;

bool Contains(const std::string& haystack, const char* needle) {
  return haystack.find(needle) != std::string::npos;
}

bool StartsWith(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

// The index after the first `count` lines of at least kCountedLineChars characters.
size_t WindowEnd(const std::vector<KeyedLine>& lines, size_t count) {
  size_t counted = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].size() >= kCountedLineChars && ++counted == count) return i + 1;
  }
  return lines.size();
}

bool IsMottoLine(const KeyedLine& line) {
  const std::string& key = line.key();
  return Contains(key, "cong hoa xa hoi") || Contains(key, "chu nghia viet nam") ||
         (Contains(key, "doc lap") && Contains(key, "hanh phuc"));
}

// dd/mm/yyyy as written in forms.
std::string SlashDateToIso(const std::string& key) {
  static const std::regex kSlashDate(R"(([0-9]{1,2}) *[/.-] *([0-9]{1,2}) *[/.-] *([0-9]{4}))");
  std::smatch match;
  if (!std::regex_search(key, match, kSlashDate)) return {};
  char iso[16];
  std::snprintf(iso, sizeof iso, "%s-%02d-%02d", match[3].str().c_str(), std::stoi(match[2]),
                std::stoi(match[1]));
  return iso;
}

std::string ValueAfterColon(const KeyedLine& line) {
  size_t colon = line.key().rfind(':');
  if (colon == std::string::npos) return {};
  return TrimPunctuation(line.Slice(colon + 1, line.size()));
}

bool IsPageStart(const std::vector<KeyedLine>& lines, bool* personnel) {
  *personnel = false;
  bool header = false;
  const size_t header_end = WindowEnd(lines, kHeaderLines);
  for (size_t i = 0; i < header_end; ++i) {
    if (IsUppercaseLine(lines[i]) && CompactKey(lines[i].key()) == "so yeu ly lich") {
      *personnel = true;
    }
    if (NumberLabelEnd(lines[i]) || IsMottoLine(lines[i])) header = true;
  }
  return header || *personnel;
}

// The centred type name ('QUYẾT ĐỊNH') of an upper-case line, or null.
const DocumentType* TypeNameOf(const KeyedLine& line) {
  if (!IsUppercaseLine(line)) return nullptr;
  return DocumentTypeOfTitle(CompactKey(line.key()));
}

// The end of the header: `header_end`, or the first line of the title or body before it
// (a date quoted in the body must not be taken for the document's). Not 'V/v': a header read
// column by column puts the letter's subject before the motto and date.
size_t HeaderEnd(const std::vector<KeyedLine>& lines, size_t header_end) {
  for (size_t i = 0; i < header_end; ++i) {
    std::string key = CompactKey(lines[i].key());
    key.erase(0, std::min(key.size(), key.find_first_not_of(" .,:;'`\"-_~^?")));
    if (StartsWith(key, "kinh gui") || StartsWith(key, "can cu") || TypeNameOf(lines[i])) {
      return i;
    }
  }
  return header_end;
}

bool EndsSubject(const KeyedLine& line) {
  const std::string& key = line.key();
  return IsUppercaseLine(line) || IsMottoLine(line) || StartsWith(key, "kinh gui") ||
         StartsWith(key, "can cu") || FindDate(key).has_value() || NumberLabelEnd(line);
}

// The subject: its first line and the centred lines that continue it.
std::string ReadSubject(const std::vector<KeyedLine>& lines, size_t first, bool letter) {
  std::string subject = lines[first].text();
  // Specks before 'V/v' read as punctuation.
  const size_t letter_start = subject.find_first_not_of(" .,:;'`\"-_~^");
  subject.erase(0, std::min(subject.size(), letter_start));
  int previous_length = static_cast<int>(lines[first].size());
  for (size_t i = first + 1; i < lines.size() && i < first + 5; ++i) {
    const KeyedLine& line = lines[i];
    if (EndsSubject(line)) break;
    const int length = static_cast<int>(line.size());
    // A body paragraph starts with a capital on a full-width line; a wrapped subject line is
    // centred and not much longer than the one above it.
    if (!letter && !line.StartsLowercase() && (length > previous_length + 5 || length >= 75)) break;
    subject += ' ' + line.text();
    previous_length = length;
  }
  return subject;
}

// The 'Số:' of line `i` is an incoming-mail stamp's when 'ĐẾN' / 'CÔNG VĂN ĐẾN' heads it.
bool InStampBlock(const std::vector<KeyedLine>& lines, size_t i) {
  for (size_t above = i >= 3 ? i - 3 : 0; above < i; ++above) {
    if (IsIncomingStampHeading(CompactKey(lines[above].key()))) return true;
  }
  return false;
}

// 'N/SYMBOL' opening line `i`: a numeral written on its own baseline beside 'Số:' becomes a
// line of its own, next to the label's.
std::string NumberOpening(const KeyedLine& line) {
  static const std::regex kNumber(R"(^[0-9oli]{1,5} *[/] *[a-z])");
  if (!std::regex_search(line.key(), kNumber)) return {};
  std::string number = CleanNumber(line.text());
  return SymbolOf(number).empty() ? std::string() : number;
}

// A streak or a stamp down the page makes OCR read the header in columns, the title block
// before the date row. Past the header (lines [`from`, `end`)), only the date row's own shape
// counts: a place name of a few words and a comma open the line, then 'ngày ...' ('Quảng
// Ninh, ngày 16 tháng 9 năm 2024'). Minutes open their body so too, with 'Hôm nay' ("today")
// for the place; a citation's number before the comma ('13/UB-TP, ngày ...') is no place
// either.
void ReadDateRowAfterTitle(const std::vector<KeyedLine>& lines, size_t from, size_t end,
                           DocumentMeta* meta) {
  for (size_t i = from; i < end; ++i) {
    std::optional<DateMatch> date = FindDateFrom(lines, i, end, false);
    if (!date) continue;
    const std::string before = TrimPunctuation(lines[i].key().substr(0, date->start));
    const std::string place = TrimPunctuation(lines[i].Slice(0, date->start));
    const bool comma = lines[i].key().substr(0, date->start).find(',') != std::string::npos;
    const long words = std::count(before.begin(), before.end(), ' ') + 1;
    // One digit is allowed: OCR takes a place's letter for one ('1ảng Yên').
    const bool name_like = before.find('/') == std::string::npos &&
                           std::count_if(before.begin(), before.end(), [](char c) {
                             return std::isdigit(static_cast<unsigned char>(c));
                           }) < 2;
    if (!comma || place.empty() || !name_like || words > kMaxPlaceWords ||
        CodePointCount(place) > kMaxPlaceChars || before == "hom nay") {
      continue;
    }
    meta->date = date->iso;
    meta->place = place;
    return;
  }
}

// The same for the number row: past the title, only a line that opens with the label and
// its colon ('Số: 135/QĐ-UBND') and goes on to a numeral and a dash-joined symbol is the
// header's. The body cites numbers mid-sentence ('Quyết định số 1813/QĐ-TTg'), or, wrapped,
// at a line's start without the colon.
void ReadNumberRowAfterTitle(const std::vector<KeyedLine>& lines, size_t from, size_t end,
                             DocumentMeta* meta) {
  for (size_t i = from; i < end; ++i) {
    const std::optional<size_t> label_end = NumberLabelEnd(lines[i]);
    if (!label_end) continue;
    const std::string label = lines[i].key().substr(0, *label_end);
    if (label.find_first_of(":;") == std::string::npos) continue;
    std::string number = CleanNumber(lines[i].Slice(*label_end, lines[i].size()));
    // CleanNumber leaves a numeral of digits or nothing.
    if (number.empty() || SymbolOf(number).find('-') == std::string::npos ||
        InStampBlock(lines, i)) {
      continue;
    }
    meta->number = std::move(number);
    meta->symbol = SymbolOf(meta->number);
    return;
  }
}

// Returns the agency's name as read from the page's lines and from the block both: what the
// symbol's body code may be completed from (CompleteSymbol).
std::string ReadHeader(const std::vector<KeyedLine>& lines,
                       const std::vector<std::string>& agency_block, DocumentMeta* meta) {
  const size_t header_end = HeaderEnd(lines, WindowEnd(lines, kHeaderLines));
  const size_t title_end = WindowEnd(lines, kTitleLines);
  size_t number_line = header_end;
  // An incoming-mail stamp ('CÔNG VĂN ĐẾN / Số: 2352 / Ngày: 21/3') carries a bare number;
  // the document's own has a symbol ('47/QĐ-UBND'), so that one wins when both are read.
  for (int pass = 0; pass < 2 && meta->number.empty(); ++pass) {
    for (size_t i = 0; i < header_end; ++i) {
      std::optional<size_t> label_end = NumberLabelEnd(lines[i]);
      if (!label_end) continue;
      std::string number = CleanNumber(lines[i].Slice(*label_end, lines[i].size()));
      if (SymbolOf(number).empty() && !InStampBlock(lines, i)) {
        for (size_t next : {i + 1, i - 1, i + 2}) {
          if (next >= header_end) continue;
          if (std::string beside = NumberOpening(lines[next]); !beside.empty()) {
            number = std::move(beside);
            break;
          }
        }
      }
      if (pass == 0 && SymbolOf(number).empty()) continue;
      if (SymbolOf(number).empty() && InStampBlock(lines, i)) continue;
      meta->number = std::move(number);
      meta->symbol = SymbolOf(meta->number);
      number_line = i;
      break;
    }
  }
  // The label lost under a stamp, the number read whole on a line of its own: a numeral and a
  // symbol of dash-joined codes opening a header line ('1551/STTTT-BCVT') is the document's
  // (an incoming-mail stamp's number has no symbol).
  for (size_t i = 0; i < header_end && meta->number.empty(); ++i) {
    std::string number = NumberOpening(lines[i]);
    if (SymbolOf(number).find('-') == std::string::npos) continue;
    meta->number = std::move(number);
    meta->symbol = SymbolOf(meta->number);
    number_line = i;
  }
  if (meta->number.empty()) ReadNumberRowAfterTitle(lines, header_end, title_end, meta);
  AgencyName agency = ReadAgencyName(lines, number_line);
  std::string agency_read = agency.agency;
  if (!agency_block.empty()) {
    std::vector<KeyedLine> block;
    for (const std::string& line : agency_block) block.emplace_back(line);
    const AgencyName from_block = ReadAgencyName(block, block.size());
    agency_read += " " + from_block.agency;
    agency = ChooseAgencyName(agency, from_block);
  }
  meta->agency = CorrectAgencyWords(agency.agency);
  meta->agency_parent = CorrectAgencyWords(agency.parent);

  // The dated line under the motto reads 'Place, ngày ...'; prefer one with that comma. Else
  // the first dated line: the header's row comes before any date the body writes, and a stamp
  // over its 'ngày' ('ày lại 19 tháng 09 năm 2024') leaves the day before 'tháng' to go by.
  for (int pass = 0; pass < 2 && meta->date.empty(); ++pass) {
    for (size_t i = 0; i < header_end; ++i) {
      std::optional<DateMatch> date = FindDateFrom(lines, i, header_end, false);
      const bool loose = !date && pass == 1;
      if (loose) date = FindDateFrom(lines, i, header_end, true);
      if (!date) continue;
      std::string place = TrimPunctuation(lines[i].Slice(0, date->start));
      const bool has_comma = lines[i].key().substr(0, date->start).find(',') != std::string::npos;
      if (pass == 0 && !has_comma) continue;
      meta->date = date->iso;
      if (loose) break;
      // A header read row by row puts 'Số: N/...' before the place on the same line.
      const KeyedLine place_line(place);
      if (std::optional<size_t> label_end = NumberLabelEnd(place_line)) {
        static const std::regex kNumber(R"(^[^ ]*(?: *[/-] *[^ ]+)*)");
        std::smatch number;
        const std::string rest = place_line.key().substr(*label_end);
        std::regex_search(rest, number, kNumber);
        place = TrimPunctuation(place_line.Slice(*label_end + number.length(0), place_line.size()));
      }
      if (CodePointCount(place) <= 40) meta->place = place;
      break;
    }
  }
  if (meta->date.empty()) ReadDateRowAfterTitle(lines, header_end, title_end, meta);
  // The year read a digit short: the one year the document writes elsewhere that it is.
  if (meta->date.empty()) {
    std::vector<int> years;
    for (const KeyedLine& line : lines) {
      for (int year : YearsIn(line.key())) years.push_back(year);
    }
    for (size_t i = 0; i < header_end && meta->date.empty(); ++i) {
      if (std::optional<DateMatch> date = FindDateWithShortYear(lines[i].key(), years)) {
        meta->date = date->iso;
      }
    }
  }

  std::optional<size_t> subject_line;
  for (size_t i = 0; i < title_end; ++i) {
    std::string key = CompactKey(lines[i].key());
    // Specks before the line read as punctuation ('.. V/v ...').
    key.erase(0, std::min(key.size(), key.find_first_not_of(" .,:;'`\"-_~^?")));
    if (StartsWith(key, "v/v") || StartsWith(key, "v/ v") || StartsWith(key, "v.v")) {
      meta->type = "CÔNG VĂN";
      meta->subject = ReadSubject(lines, i, /*letter=*/true);
      return agency_read;
    }
  }
  for (size_t i = 0; i < title_end; ++i) {
    if (const DocumentType* type = TypeNameOf(lines[i])) {
      meta->type = type->name;
      subject_line = i + 1;
      break;
    }
  }
  if (subject_line && *subject_line < lines.size() && !EndsSubject(lines[*subject_line])) {
    meta->subject = ReadSubject(lines, *subject_line, /*letter=*/false);
  }
  // Neither a type name nor 'V/v' was read (a stamp over it, a garbled line). A symbol of two
  // parts or more opens with the type's code ('529/TB-VPUBND': a THÔNG BÁO), or, a công văn's,
  // with its body's code, which is no type's.
  const size_t dash = meta->symbol.find('-');
  if (meta->type.empty() && dash != std::string::npos) {
    if (const DocumentType* type = DocumentTypeOfCode(meta->symbol.substr(0, dash))) {
      meta->type = type->name;
    }
  }
  if (meta->type.empty()) {
    // A letter addressed 'Kính gửi:' under the header is a công văn, the one type without a
    // title.
    for (size_t i = 0; i < title_end; ++i) {
      if (StartsWith(CompactKey(lines[i].key()), "kinh gui")) {
        meta->type = "CÔNG VĂN";
        break;
      }
    }
  }
  return agency_read;
}

void ReadPersonnelForm(const std::vector<KeyedLine>& lines, DocumentMeta* meta) {
  meta->type = "SƠ YẾU LÝ LỊCH";
  for (const KeyedLine& line : lines) {
    const std::string& key = line.key();
    if (meta->person_name.empty() && Contains(key, "ho va ten")) {
      meta->person_name = ValueAfterColon(line);
    } else if (meta->birth_date.empty() && Contains(key, "ngay sinh")) {
      meta->birth_date = SlashDateToIso(key);
    } else if (Contains(key, "don vi cong tac")) {
      meta->unit = ValueAfterColon(line);
    } else if (meta->unit.empty() && Contains(key, "don vi su dung")) {
      meta->unit = ValueAfterColon(line);
    }
  }
}

bool LooksLikePersonName(const KeyedLine& line) {
  const std::string text = line.text();
  if (line.StartsLowercase() || line.LowercaseLetters() == 0) return false;
  if (text.find_first_of("0123456789:;,()/-") != std::string::npos) return false;
  int words = 1;
  for (char c : text) words += c == ' ';
  return words >= 2 && words <= 5;
}

// The signer's name is the mixed-case line right under the upper-case signature titles.
std::string ReadSigner(const std::vector<KeyedLine>& lines) {
  for (size_t i = lines.size(); i-- > 1;) {
    if (LooksLikePersonName(lines[i]) && IsUppercaseLine(lines[i - 1])) return lines[i].text();
  }
  return {};
}

// A symbol whose type code lost its first letters under a pen numeral ('9/B-VPUBND' of a
// THÔNG BÁO) gets them back from the title; one whose body's code a stamp's edge cut short
// ('QĐ-ST', or 'UB' in a document of these years), from `agency_read` (the agency's name as
// read, maybe more than one way) and the agency as the metadata spelled it.
void CompleteSymbol(const std::string& agency_read, DocumentMeta* meta) {
  if (meta->symbol.empty()) return;
  const std::string type_code = DocumentTypeCode(meta->type);
  // The agency as spelled (index/agency_lexicon) names the body too where the read lines do
  // not: a stamp over the header's first line.
  const std::string agency = agency_read + " " + meta->agency_parent + " " + meta->agency;
  std::string completed =
      CompleteBodyCode(CompleteTypeCode(meta->symbol, type_code), agency, meta->date);
  // A letter's symbol opens with the body's code.
  if (!meta->type.empty() && type_code.empty()) {
    completed = CorrectLetterBodyCode(completed, agency);
  }
  if (completed == meta->symbol) return;
  meta->number = meta->number.substr(0, meta->number.size() - meta->symbol.size()) + completed;
  meta->symbol = completed;
}

}  // namespace

std::vector<MetadataSection> ExtractMetadata(const std::vector<std::string>& page_texts) {
  return ExtractMetadata(page_texts, {});
}

std::vector<MetadataSection> ExtractMetadata(
    const std::vector<std::string>& page_texts,
    const std::vector<std::vector<std::string>>& agency_blocks) {
  static const std::vector<std::string> kNoBlock;
  std::vector<MetadataSection> sections;
  std::vector<std::vector<KeyedLine>> pages;
  for (const std::string& text : page_texts) pages.push_back(SplitKeyedLines(text));
  for (size_t p = 0; p < pages.size(); ++p) {
    bool personnel = false;
    const bool starts = IsPageStart(pages[p], &personnel);
    if (!sections.empty() && !starts) {
      sections.back().last_page = static_cast<int>(p + 1);
      continue;
    }
    MetadataSection section;
    section.first_page = section.last_page = static_cast<int>(p + 1);
    if (personnel) {
      ReadPersonnelForm(pages[p], &section.meta);
    } else if (starts) {
      const std::string agency_read = ReadHeader(
          pages[p], p < agency_blocks.size() ? agency_blocks[p] : kNoBlock, &section.meta);
      CompleteSymbol(agency_read, &section.meta);
    }
    sections.push_back(std::move(section));
  }
  for (MetadataSection& section : sections) {
    for (int page = section.first_page; page <= section.last_page; ++page) {
      for (MetaField& field : ReadStampFields(pages[page - 1])) {
        if (section.meta.Field(field.name).empty()) section.meta.fields.push_back(std::move(field));
      }
    }
  }
  for (MetadataSection& section : sections) {
    // A body code cut short that the document prints whole elsewhere ('Lưu: VT, TTKSNB.').
    DocumentMeta& meta = section.meta;
    if (meta.symbol.empty()) continue;
    std::string text;
    for (int page = section.first_page; page <= section.last_page; ++page) {
      text += page_texts[page - 1] + "\n";
    }
    const std::string completed = CompleteBodyCodeFromText(meta.symbol, text);
    meta.number = meta.number.substr(0, meta.number.size() - meta.symbol.size()) + completed;
    meta.symbol = completed;
  }
  for (MetadataSection& section : sections) {
    if (section.meta.type.empty() || section.meta.type == "SƠ YẾU LÝ LỊCH") continue;
    section.meta.signer = ReadSigner(pages[section.last_page - 1]);
  }
  return sections;
}

}  // namespace sohoa::index
