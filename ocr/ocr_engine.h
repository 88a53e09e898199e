// Tesseract behind a small interface. One OcrEngine per worker thread: Init once, reuse for
// every page. An engine is not thread-safe; distinct engines may run concurrently.
#pragma once

#include <memory>
#include <opencv2/core.hpp>
#include <string>

#include "common/page_text.h"
#include "common/status.h"

namespace sohoa::ocr {

struct OcrOptions {
  std::string tessdata_dir;  // empty: Tesseract's default
  std::string language = "vie";
  int timeout_ms = 0;  // per page; 0 = none. A timed-out page is a kTimeout error.
};

struct OrientationVote {
  int orientation_degrees = 0;  // clockwise turn of the content, as in page_cleaner.h
  double confidence = 0;
};

class OcrEngine {
 public:
  // Fails with kNotFound when the language model is missing.
  static Result<std::unique_ptr<OcrEngine>> Create(const OcrOptions& options);
  virtual ~OcrEngine() = default;

  // Recognises an upright grey page. Boxes are in `image` pixels; width/height/dpi of the
  // result are set from the image; quality word statistics are filled, the rest left as is.
  virtual Result<PageText> Recognize(const cv::Mat& image, double dpi) = 0;

  // Reads `image` as one block of text lines, skipping layout analysis. For regions the
  // page-level pass left unread: Tesseract's layout analysis takes text crossed by a seal
  // or a signature for a picture and drops it, while a forced block read recovers it.
  virtual Result<PageText> RecognizeBlock(const cv::Mat& image, double dpi) = 0;
};

}  // namespace sohoa::ocr
