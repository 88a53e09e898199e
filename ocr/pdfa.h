// PDF/A-2b document-level parts: XMP metadata (with the sohoa provenance schema), the
// matching Info dictionary and the OutputIntent (sRGB, or grey for grey-only documents).
#pragma once

#include <qpdf/QPDF.hh>
#include <string>

#include "common/status.h"
#include "ocr/pdf_writer.h"

namespace sohoa::ocr {

// The namespace of the sohoa provenance properties in XMP. A name, never fetched.
inline constexpr char kSohoaXmpNamespace[] = "https://sohoa.example/ns/1.0/";

struct PdfaDates {
  std::string xmp;  // ISO 8601, e.g. 2025-03-05T10:20:30+07:00
  std::string pdf;  // PDF date string, e.g. D:20250305102030+07'00'
};

// Parses `iso` (YYYY-MM-DDTHH:MM:SS followed by Z or +HH:MM / -HH:MM; empty = now, UTC).
Result<PdfaDates> ResolveCreateDate(const std::string& iso);

// The complete XMP packet for `info`.
std::string BuildXmpPacket(const DocumentInfo& info, const PdfaDates& dates);

// The OutputIntent's destination profile.
struct OutputProfile {
  const std::string& icc;  // the profile's bytes
  int components = 3;      // 3 for an RGB profile, 1 for a grey one
};

// Replaces the document's /Metadata, /OutputIntents and Info dictionary with PDF/A-2b ones.
// A grey profile is valid only if every page draws in DeviceGray alone (see PagesDrawOnlyGray).
Status AddPdfaParts(QPDF& pdf, const DocumentInfo& info, const OutputProfile& profile);

}  // namespace sohoa::ocr
