// Rebuilding the catalog from the searchable PDFs of an output folder, without OCR: the PDFs
// are the source of truth. Each PDF written by sohoa carries, in its XMP (ocr/pdfa.cc), the
// source path and SHA-256 and the catalog record (metadata sections), and an invisible text
// layer whose words and boxes give back the pages' text.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "common/page_text.h"
#include "common/status.h"
#include "index/catalog.h"

namespace sohoa::pipeline {

// Resolution of the pixel frame rebuilt pages are expressed in (boxes, width_px, height_px).
constexpr double kRebuildDpi = 300;

// What a sohoa PDF says about itself.
struct RebuiltDocument {
  index::DocumentRecord record;  // input_path = XMP sourceName, output_path = the PDF
  std::vector<PageText> pages;   // one per PDF page, at kRebuildDpi
  std::vector<index::MetadataSection> sections;
};

// Reads one PDF. NotFound when the PDF has no sohoa XMP (not written by sohoa); InvalidInput
// when it cannot be parsed.
Result<RebuiltDocument> ReadSearchablePdf(const std::filesystem::path& pdf_path);

struct RebuildReport {
  int documents = 0;  // stored in the catalog
  int pages = 0;
  std::vector<std::string> skipped;  // "path: reason", one line each
};

// Walks `output_dir` recursively for *.pdf and stores each sohoa PDF in `catalog`
// (replacing rows of the same input path). A PDF that cannot be read is skipped and listed;
// only catalog errors stop the rebuild.
Result<RebuildReport> RebuildCatalog(const std::filesystem::path& output_dir,
                                     index::Catalog* catalog);

}  // namespace sohoa::pipeline
