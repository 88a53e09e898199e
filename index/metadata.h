// Metadata of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP format) and
// personnel forms, extracted from OCR text that may be noisy.
#pragma once

#include <string>
#include <vector>

namespace sohoa::index {

// A value read from the document that is not its own number or date: an incoming-mail stamp's
// number and date, an urgency stamp, a digital signature's signing time. Archives file by them
// too, so they are kept, never mixed into the document's own fields.
struct MetaField {
  std::string name;      // "received_number", "received_date", "urgency", "signed_at", ...
  std::string value;     // dates ISO: yyyy-mm-dd, --mm-dd without a year, yyyy-mm-ddThh:mm:ss
  float confidence = 0;  // 0..100: how completely the value's pattern was read
  std::string source;    // "printed", "handwritten", "stamp" or "pdf-text"
};

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
  std::vector<MetaField> fields;  // stamp values, in page order
  // The first field called `name`, or empty.
  std::string Field(const std::string& name) const {
    for (const MetaField& field : fields) {
      if (field.name == name) return field.value;
    }
    return {};
  }
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

// The same, with `agency_blocks[i]` (when there is one) the lines of page i+1's agency block as
// read on their own: the agency is read from them rather than from the lines the page's text
// puts before the number, where a stamp's lines may lie among the name's; unless those lines
// hold no stamp's or motto's words and are better formed (index/agency_name.h).
std::vector<MetadataSection> ExtractMetadata(
    const std::vector<std::string>& page_texts,
    const std::vector<std::vector<std::string>>& agency_blocks);

}  // namespace sohoa::index
