// Re-reads one small header field (a handwritten document number, day or month) on its own:
// digits only, over a few renderings of the crop (coloured ink separated from black print,
// several binarisations), by Tesseract (as a single word or line) and by the handwritten-digit
// model (ocr/digit_classifier.h). The caller decides which reading is plausible. One
// FieldReader per thread, like OcrEngine: it owns a Tesseract instance and a classifier.
#pragma once

#include <memory>
#include <opencv2/core.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace sohoa::ocr {

// FieldReading::variant of the handwritten-digit model's readings starts with this; the
// rendering's name follows ('digits/otsu'). Tesseract's are '<rendering>/word' or '/line'.
inline constexpr std::string_view kDigitModelVariantPrefix = "digits/";

struct FieldReading {
  std::string text;      // digits (and '/' when allowed), spaces removed
  float confidence = 0;  // 0..100: Tesseract's word confidence, or the digit model's least
                         // sure glyph's probability
  std::string variant;   // which rendering and reader read it ('otsu/word', 'digits/ink')
};

struct FieldReaderOptions {
  std::string tessdata_dir;      // empty: Tesseract's default
  std::string language = "eng";  // digits read best with the Latin model
  // Which recognisers read each rendering; their readings are pooled by the caller's vote.
  bool tesseract = true;
  bool digit_model = true;  // skipped (with Tesseract alone) when the build has no model
};

// What a crop is read for.
struct FieldReadRequest {
  // The characters may include '/'.
  bool allow_slash = false;
  // Also read the crop's darkest ink alone (FieldRenderings).
  bool darkest_ink = false;
};

class FieldReader {
 public:
  // Fails with kNotFound when the language model is missing (or, without Tesseract, the
  // digit model).
  static Result<std::unique_ptr<FieldReader>> Create(const FieldReaderOptions& options);
  virtual ~FieldReader() = default;

  // Reads `crop` (CV_8UC1 grey, or CV_8UC3 BGR when the scan is in colour) at `dpi`.
  // Returns every non-empty reading.
  virtual std::vector<FieldReading> Read(const cv::Mat& crop, double dpi,
                                         const FieldReadRequest& request) = 0;
};

// The renderings a crop is read in (exposed for tests): for colour crops the coloured-ink
// layer first (black print removed), then grey Otsu and fixed-threshold binarisations.
// Every image is CV_8UC1, black ink on white, padded with a white border. With `darkest_ink`,
// and a crop no 1-bit scan gave (most of its pixels pure black or white), also "dark": only
// the ink darker than halfway from the ink's core to Otsu's cut. A stamp's ink scanned grey (its
// frame's edge along the digits' feet, its own words under them) is lighter than a pen's, and
// Otsu's cut keeps both in one piece.
std::vector<std::pair<std::string, cv::Mat>> FieldRenderings(const cv::Mat& crop,
                                                             bool darkest_ink = false);

// True when ink of a glyph's size touches the left side of `crop` (as FieldReader::Read takes
// it) inside the row: the written value may begin left of the crop, a digit cut off and lost,
// so a reading of it cannot be sure.
bool InkCutAtLeft(const cv::Mat& crop);

// The same at the right side of `crop`: the value's last digit may run on past it.
bool InkCutAtRight(const cv::Mat& crop);

}  // namespace sohoa::ocr
