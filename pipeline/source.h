// Input files: what a file is (format sniffed from its bytes, not its name), how many pages,
// its SHA-256; decoding one page at a time (so long documents never sit in memory whole);
// and the scan's original encoded bytes for the PDF writer (JPEG and G4 pass through).
//
// Thread contract: all functions are reentrant; each call opens the file itself.
// Poppler: call WarmUpPdfRendering() once before rendering PDFs on several threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <opencv2/core.hpp>
#include <string>

#include "common/page_text.h"
#include "common/status.h"
#include "ocr/pdf_writer.h"

namespace sohoa::pipeline {

enum class SourceFormat { kJpeg, kPng, kTiff, kPdf, kBmp, kPnm, kWebp, kJp2 };
const char* SourceFormatName(SourceFormat format);

struct SourceInfo {
  std::filesystem::path path;
  SourceFormat format = SourceFormat::kJpeg;
  int page_count = 0;
  std::string sha256;  // hex, of the whole file
  std::uintmax_t size_bytes = 0;
};

// The default page size limit of `sohoa run --max-megapixels`: an A0 sheet at 300 dpi is
// 139 Mpx, an A3 one 17 Mpx.
inline constexpr std::int64_t kDefaultMaxPagePixels = 120'000'000;

struct DecodeLimits {
  // Pages with more pixels than this are refused before decoding (35000x35000 would need
  // 1.2 GB as grey): a kResourceLimit error naming the size.
  std::int64_t max_pixels = kDefaultMaxPagePixels;
  double pdf_render_dpi = 300;  // cap; a scanned PDF page renders at its image's resolution
};

// Sniffs the format, counts pages, hashes. Errors (each a one-line message naming the
// cause; the caller adds the file name): empty file, unknown format, corrupt or truncated
// header, encrypted/password-locked PDF, invalid PDF.
Result<SourceInfo> ProbeSource(const std::filesystem::path& path);

struct DecodedPage {
  cv::Mat pixels;              // CV_8UC1 grey (bilevel expanded to 0/255) or CV_8UC3 BGR
  double dpi = 300;            // resolution of `pixels`
  bool dpi_estimated = false;  // file had no plausible DPI; estimated from paper sizes
  bool bilevel = false;        // the source page is 1 bit per pixel
  // PDF pages only: the page already carries real text covering its content. Then
  // `existing_text` holds it (boxes in `pixels` coordinates) and OCR is skipped.
  bool has_real_text = false;
  PageText existing_text;
};

// Decodes page `page_index` (0-based). Truncated or corrupt data is a kInvalidInput error.
Result<DecodedPage> DecodePage(const SourceInfo& source, int page_index,
                               const DecodeLimits& limits);

// The page's scan as it should go into the PDF, never re-encoded lossily: JPEG bytes
// unchanged, multi-strip JPEG-in-TIFF joined into one JPEG with restart markers, PNG IDAT
// passed through with its predictors, bilevel as G4, anything else as lossless Flate.
// Not used for PDF sources (their pages are grafted).
Result<ocr::EncodedImage> EncodedImageForPage(const SourceInfo& source, int page_index);

// Estimates the scan resolution from its pixel size against A4, A3, A5, Letter and Legal,
// either orientation; 0 when nothing fits within a few percent.
double EstimateDpiFromPaperSize(int width_px, int height_px);

// A file DPI is implausible when missing, 72 (a common placeholder) or outside 100..1200.
bool IsPlausibleDpi(double dpi);

void WarmUpPdfRendering();

}  // namespace sohoa::pipeline
