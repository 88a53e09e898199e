// Writes searchable PDF/A-2b documents: the untouched scan as the visible page and an
// invisible text layer (GlyphLessFont, render mode 3) built from PageText.
// Each call uses its own QPDF objects; distinct calls may run on distinct threads.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "common/page_text.h"
#include "common/status.h"

namespace sohoa::ocr {

// A scan's image as it goes into the PDF, without re-encoding where possible.
struct EncodedImage {
  enum class Encoding {
    kJpeg,     // `data` is a complete JPEG (baseline or progressive) file: /DCTDecode
    kCcittG4,  // `data` is raw CCITT Group 4 (K=-1) data: /CCITTFaxDecode
    kFlate,    // `data` is zlib-compressed raw samples, rows packed: /FlateDecode
  };
  Encoding encoding = Encoding::kFlate;
  std::string data;
  int width = 0;
  int height = 0;
  int components = 1;          // 1 grey (or bilevel), 3 RGB, 4 CMYK (JPEG only)
  int bits_per_component = 8;  // 1 for G4 and bilevel flate
  bool black_is_1 = false;     // CCITT: the PDF /BlackIs1 flag (true only for MINISBLACK TIFFs)
  // Flate only: each row starts with a PNG filter-type byte (PNG IDAT data as stored), so the
  // stream gets /DecodeParms << /Predictor 15 ... >>.
  bool png_predictors = false;
};

// Supplies page images at write time, so a long document never holds all its images.
using ImageSupplier = std::function<Result<EncodedImage>(int page_index)>;

struct DocumentInfo {
  std::string title;            // usually the source file's name
  std::string source_name;      // the input path as given
  std::string source_sha256;    // hex
  std::string settings_digest;  // hash of settings that change output
  std::string catalog_json;     // metadata to rebuild the catalog from the PDF (XMP)
  // CreateDate/ModifyDate of XMP and Info, "YYYY-MM-DDTHH:MM:SS" + "Z" or "+HH:MM"/"-HH:MM".
  // Empty means the current time (UTC), and then two writes differ; give the same date
  // (e.g. the source's content date) for byte-identical output.
  std::string create_date_iso;
};

struct WriteOptions {
  bool keep_skew = false;  // leave the scan as scanned, rotate the text layer onto it
  std::string icc_profile_path = "/usr/share/color/icc/sRGB.icc";
  // The OutputIntent of documents whose pages draw nothing but grey (all grey and 1-bit scans):
  // PDF/A allows DeviceGray under any OutputIntent, and this profile is 420 bytes against
  // sRGB's 7 KB, which matters next to a 30 KB G4 page.
  std::string gray_icc_profile_path = "/usr/share/color/icc/Gray.icc";
  std::string glyphless_font_path = "/usr/share/tesseract-ocr/5/tessdata/pdf.ttf";
};

// One page of an image document. `text.source_to_upright` maps the source image's pixel
// coordinates to the upright frame; `source_dpi` gives the scan's physical size.
// The supplier is called twice per page: once while the page is laid out (for the image's
// header; the data is dropped at once) and once when the file is written.
struct ImagePageLayout {
  PageText text;
  int source_width = 0;  // must equal the supplied image's width/height
  int source_height = 0;
  // Resolution of the source image, used only with keep_skew (page = source frame).
  // 0 = derive: text.dpi / scale(text.source_to_upright), scale = sqrt(|det|).
  double source_dpi = 0;
};

// Writes a new PDF with one page per entry. `path` is written directly (the caller writes to a
// temp path and commits it).
Status WriteImageDocument(const std::vector<ImagePageLayout>& pages, const ImageSupplier& images,
                          const DocumentInfo& info, const WriteOptions& options,
                          const std::filesystem::path& path);

// Grafts text layers onto an existing PDF's pages, keeping everything else. `pages[i]` is
// the text of page i+1 rendered as a raster whose pixel frame is described by
// `text.source_to_upright` (source = the page rendered at `render_dpi` with its /Rotate
// applied, as Poppler renders it). A page with `graft == false` is left untouched.
struct PdfPageLayout {
  PageText text;
  double render_dpi = 300;
  bool graft = true;
};
Status WritePdfDocument(const std::filesystem::path& source_pdf,
                        const std::vector<PdfPageLayout>& pages, const DocumentInfo& info,
                        const WriteOptions& options, const std::filesystem::path& path);

}  // namespace sohoa::ocr
