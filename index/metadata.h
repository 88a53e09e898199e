// Metadata of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP format) and
// personnel forms, extracted from OCR text that may be noisy.
#pragma once

#include <string>
#include <vector>

namespace sohoa::index {

struct DocumentMeta {
  std::string number;         // as printed after 'Số:', e.g. "15/QĐ-UBND"
  std::string symbol;         // the part after the numeral: "QĐ-UBND"
  std::string date;           // ISO yyyy-mm-dd
  std::string place;          // "Quảng Ninh"
  std::string type;           // upper case: "QUYẾT ĐỊNH", "CÔNG VĂN", ...
  std::string agency;         // issuing body's name lines joined by a space
  std::string agency_parent;  // the superior body's line above it, when there is one
  std::string subject;        // 'Về việc ...' / 'V/v ...', on one line
  std::string signer;
  // Personnel forms (SƠ YẾU LÝ LỊCH)
  std::string person_name;
  std::string birth_date;  // ISO
  std::string unit;
  bool empty() const {
    return number.empty() && date.empty() && type.empty() && person_name.empty();
  }
};

// A document found inside a scanned file, covering pages [first_page, last_page] (1-based).
struct MetadataSection {
  int first_page = 1;
  int last_page = 1;
  DocumentMeta meta;
};

// Finds the documents in a file from its pages' text (page_texts[i] is page i+1) and their
// metadata. A header on any page starts a new section.
std::vector<MetadataSection> ExtractMetadata(const std::vector<std::string>& page_texts);

}  // namespace sohoa::index
