#include "pipeline/document_metadata.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "index/document_symbols.h"
#include "index/document_types.h"

namespace sohoa::pipeline {
namespace {

// Dates and numbers are printed in the header, which takes the top part of the first page.
constexpr double kHeaderShare = 0.45;

bool ExpectsNumberAndDate(const index::DocumentMeta& meta) {
  return !meta.type.empty() && meta.type != "SƠ YẾU LÝ LỊCH";
}

const HeaderFieldRead* FindRead(const PageText& page, const std::string& name) {
  for (const HeaderFieldRead& read : page.header_reads) {
    if (read.name == name) return &read;
  }
  return nullptr;
}

std::string WithoutLeadingZeros(const std::string& digits) {
  const size_t first = digits.find_first_not_of('0');
  return first == std::string::npos ? "0" : digits.substr(first);
}

std::string DigitsOf(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return digits;
}

// The page's own confidence in `digits` (leading zeros aside): that of the first word in the
// header whose digits begin with it, else the page's mean.
float PrintedConfidence(const PageText& page, const std::string& digits) {
  const std::string wanted = WithoutLeadingZeros(digits);
  for (const TextLine& line : page.lines) {
    if (line.box.top > page.height_px * kHeaderShare) continue;
    for (const Word& word : line.words) {
      const std::string word_digits = DigitsOf(word.text);
      if (!word_digits.empty() && WithoutLeadingZeros(word_digits).rfind(wanted, 0) == 0) {
        return word.confidence;
      }
    }
  }
  return static_cast<float>(page.quality.mean_confidence);
}

index::MetaField NumberField(const index::DocumentMeta& meta, const PageText& page) {
  index::MetaField field{"number", meta.number, 100, "pdf-text"};
  if (page.quality.text_from_pdf) return field;
  const std::string numeral = meta.number.substr(0, meta.number.find('/'));
  field.source = "printed";
  const HeaderFieldRead* read = FindRead(page, "number");
  if (read && read->value == numeral) {
    field.confidence = read->confidence;
    if (read->reread) field.source = "handwritten";
  } else {
    field.confidence = PrintedConfidence(page, numeral);
  }
  return field;
}

index::MetaField DateField(const index::DocumentMeta& meta, const PageText& page) {
  index::MetaField field{"date", meta.date, 100, "pdf-text"};
  if (page.quality.text_from_pdf) return field;
  field.source = "printed";
  // meta.date is yyyy-mm-dd.
  const std::string month = meta.date.substr(5, 2), day = meta.date.substr(8, 2);
  float confidence = 100;
  for (const auto& [name, value] : {std::pair{"day", day}, std::pair{"month", month}}) {
    const HeaderFieldRead* read = FindRead(page, name);
    if (read && WithoutLeadingZeros(read->value) == WithoutLeadingZeros(value)) {
      confidence = std::min(confidence, read->confidence);
      if (read->reread) field.source = "handwritten";
    } else {
      confidence = std::min(confidence, PrintedConfidence(page, value));
    }
  }
  field.confidence = confidence;
  return field;
}

// The date of the header's day, month and year reads (yyyy-mm-dd), or empty when one is
// missing or they make no calendar date.
std::string DateOfHeaderReads(const PageText& page) {
  const HeaderFieldRead* day = FindRead(page, "day");
  const HeaderFieldRead* month = FindRead(page, "month");
  const HeaderFieldRead* year = FindRead(page, "year");
  for (const HeaderFieldRead* read : {day, month, year}) {
    if (!read || read->value.empty() || read->value.size() > 4 ||
        DigitsOf(read->value) != read->value) {
      return {};
    }
  }
  const std::chrono::year_month_day date{std::chrono::year(std::stoi(year->value)),
                                         std::chrono::month(std::stoi(month->value)),
                                         std::chrono::day(std::stoi(day->value))};
  if (!date.ok()) return {};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

}  // namespace

std::vector<index::MetadataSection> DescribeDocument(std::vector<PageText>* pages) {
  std::vector<std::string> plain;
  std::vector<std::vector<std::string>> agency_blocks;
  for (const PageText& page : *pages) {
    plain.push_back(page.PlainText());
    agency_blocks.push_back(page.agency_lines);
  }
  std::vector<index::MetadataSection> sections = index::ExtractMetadata(plain, agency_blocks);
  for (index::MetadataSection& section : sections) {
    if (section.first_page < 1 || section.first_page > static_cast<int>(pages->size())) continue;
    PageText& first = (*pages)[section.first_page - 1];
    index::DocumentMeta& meta = section.meta;
    // The text's order may hide the date row from the metadata's header window (a crease
    // split the page into columns, and the right one follows the whole left one): the date
    // the header re-read found on its anchors' row stands in.
    if (meta.date.empty() && ExpectsNumberAndDate(meta) && !first.quality.text_from_pdf) {
      meta.date = DateOfHeaderReads(first);
    }
    std::vector<index::MetaField> own;
    if (!meta.number.empty()) own.push_back(NumberField(meta, first));
    if (meta.date.size() == 10) own.push_back(DateField(meta, first));
    meta.fields.insert(meta.fields.begin(), own.begin(), own.end());
    if (ExpectsNumberAndDate(meta) && !first.quality.text_from_pdf) {
      if (meta.number.empty()) {
        first.quality.AddReviewReason(FieldReviewReason("document", "number", "not read"));
      } else if (!index::SymbolLooksWhole(meta.symbol) ||
                 !index::SymbolFitsType(meta.symbol, index::DocumentTypeCode(meta.type)) ||
                 !index::SymbolFitsDate(meta.symbol, meta.date)) {
        // However sure its digits, a number whose symbol is cut or misread is wrong.
        first.quality.AddReviewReason(FieldReviewReason("document", "number", "symbol unsure"));
      } else if (meta.number.find('/') == 1) {
        // A numeral below ten is written with a leading zero ('06/QĐ-UBND', Nghị định 30/2020,
        // Phụ lục I): one digit alone is a numeral whose other digits were lost.
        first.quality.AddReviewReason(FieldReviewReason("document", "number", "of one digit"));
      }
      if (meta.date.empty()) {
        first.quality.AddReviewReason(FieldReviewReason("document", "date", "not read"));
      }
    }
  }
  return sections;
}

}  // namespace sohoa::pipeline
