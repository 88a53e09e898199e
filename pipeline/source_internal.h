// Helpers shared by the source_*.cc / *decode*.cc / passthrough.cc files behind source.h.
// Not part of the module's contract: nothing outside those files should include this.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <opencv2/core.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/page_text.h"
#include "common/status.h"
#include "pipeline/source.h"

struct Pix;
struct tiff;

namespace sohoa::pipeline::internal {

// --- RAII -----------------------------------------------------------------------------------
struct PixDeleter {
  void operator()(Pix* pix) const;
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

struct TiffDeleter {
  void operator()(tiff* tif) const;
};
using TiffPtr = std::unique_ptr<tiff, TiffDeleter>;

// Opens a TIFF read-only with per-handle error capture (no global handlers, no stderr noise).
// `error` receives libtiff's first error message for this handle, if any.
struct TiffHandle {
  TiffPtr tif;
  std::shared_ptr<std::string> error;
};
Result<TiffHandle> OpenTiff(const std::filesystem::path& path);

// --- Formats --------------------------------------------------------------------------------
// Sniffs the format from the first bytes of a file; nullopt-like failure as a Status naming
// the first bytes when nothing matches.
Result<SourceFormat> SniffFormat(std::string_view head);

// "starts with 'abc' (61 62 63)" for error messages about unknown files.
std::string DescribeLeadingBytes(std::string_view head);

// SHA-256 of a file, streamed, as lowercase hex.
Result<std::string> Sha256HexOfFile(const std::filesystem::path& path);

// --- JPEG markers ---------------------------------------------------------------------------
struct JpegFrameInfo {
  int width = 0;
  int height = 0;
  int components = 0;
  bool has_eoi = false;  // an EOI marker follows the scan data (the file is not truncated)
};
// Walks the marker segments of a JPEG file up to the first SOF and checks for the EOI marker.
Result<JpegFrameInfo> ParseJpegMarkers(std::string_view bytes);

// --- Pixels ---------------------------------------------------------------------------------
// Converts any Leptonica image to CV_8UC1 (grey, 1-bit expanded to 0/255) or CV_8UC3 (BGR).
// Alpha is blended onto white, colormaps removed, 16-bit reduced to its high byte.
Result<cv::Mat> PixToMat(Pix* pix, bool* bilevel);

// Page decoding per family; `page_index` already range-checked by the caller.
Result<DecodedPage> DecodeImagePage(const SourceInfo& source, int page_index,
                                    const DecodeLimits& limits);
Result<DecodedPage> DecodePdfPage(const SourceInfo& source, int page_index,
                                  const DecodeLimits& limits);
Result<int> CountPdfPages(const std::filesystem::path& path);

// --- PDF text-layer heuristics (source_pdf_text.cc) -------------------------------------------
struct PdfWord {
  std::string text;  // UTF-8
  PixelBox box;      // in rendered pixels
};

// True when the text came from a legacy 8-bit Vietnamese font (TCVN3/ABC, VNI) or a font
// without a Unicode map, so it reads as garbage such as 'Ph¸t triÓn'.
bool LooksLikeGarbageText(const std::vector<PdfWord>& words);

// Share (0..1) of the page's ink that lies under text boxes. `grey` is the rendered page.
double InkShareCoveredByText(const cv::Mat& grey, const std::vector<PdfWord>& words);

// Groups words (in poppler's reading order) into lines, for PageText.
std::vector<TextLine> GroupWordsIntoLines(const std::vector<PdfWord>& words);

// Whether the words are a real text layer covering the page (not a signature stamp).
bool IsRealTextLayer(const cv::Mat& grey, const std::vector<PdfWord>& words);

}  // namespace sohoa::pipeline::internal
