// Pieces both PDF writers (new image documents, grafts onto existing PDFs) share: the files
// every document embeds and the deterministic final write.
#pragma once

#include <filesystem>
#include <memory>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <string>

#include "common/status.h"
#include "ocr/pdf_writer.h"

namespace sohoa::ocr {

struct EmbeddedFiles {
  std::string font_program;      // GlyphLessFont (TrueType)
  std::string icc_profile;       // sRGB, for the PDF/A OutputIntent
  std::string gray_icc_profile;  // for documents that draw only grey
};
Result<EmbeddedFiles> LoadEmbeddedFiles(const WriteOptions& options);

// [0 0 width height].
QPDFObjectHandle PageBox(double width_pt, double height_pt);

// Sets qpdf's process-wide Flate level to 9 (once). Anything that compresses with Pl_Flate
// must call it first: bytes compressed before the first write would otherwise use the default
// level, and the same document would come out different depending on what was written first.
void UseBestFlateLevel();

// Writes `pdf` to `path` with a deterministic /ID. If a lazy stream stored an error in
// `*stream_error` (may be null) while writing, that error is returned.
Status WriteDeterministic(QPDF& pdf, const std::filesystem::path& path,
                          const std::shared_ptr<Status>& stream_error);

}  // namespace sohoa::ocr
