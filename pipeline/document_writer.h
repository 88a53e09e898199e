// Turns a finished document's pages into its searchable PDF/A, written atomically.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "common/page_text.h"
#include "common/status.h"
#include "index/metadata.h"
#include "ocr/pdf_writer.h"
#include "pipeline/source.h"

namespace sohoa::pipeline {

struct PageLayout {
  bool has_real_text = false;  // PDF page with its own text: left untouched
  double render_dpi = 300;     // resolution the page was rasterised or decoded at
  int source_width = 0;        // pixel size of the decoded raster (the "source" frame)
  int source_height = 0;
};

// What identifies a write beyond the pages: the same stamp gives byte-identical PDFs.
struct DocumentStamp {
  std::string create_date_iso;  // empty: now (two writes then differ)
  std::string settings_digest;
};

// Writes to a temp file beside `output_path`, fsyncs and renames it into place.
Status WriteSearchablePdf(const SourceInfo& source, const std::vector<PageText>& pages,
                          const std::vector<PageLayout>& layouts,
                          const std::vector<index::MetadataSection>& sections,
                          const std::string& display_path, const ocr::WriteOptions& options,
                          const std::filesystem::path& output_path,
                          const DocumentStamp& stamp = {});

}  // namespace sohoa::pipeline
