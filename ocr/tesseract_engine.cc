// OcrEngine on Tesseract's LSTM recogniser (Debian's vie model is tessdata_fast: LSTM only).
#include <fmt/format.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string_view>

#include "ocr/ocr_engine.h"
#include "ocr/word_filter.h"

namespace sohoa::ocr {
namespace {

// Words below this confidence count towards QualityRecord::low_confidence_share.
constexpr float kLowWordConfidence = 60.0f;

std::string ToNfc(const char* utf8) {
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(error);
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  if (U_FAILURE(error) || nfc->isNormalized(text, error)) return utf8;
  icu::UnicodeString normalised = nfc->normalize(text, error);
  std::string out;
  if (U_FAILURE(error)) return utf8;
  normalised.toUTF8String(out);
  return out;
}

struct TessTextDeleter {
  void operator()(char* text) const { delete[] text; }
};

class TesseractEngine final : public OcrEngine {
 public:
  explicit TesseractEngine(const OcrOptions& options) : options_(options) {}
  ~TesseractEngine() override { api_.End(); }

  Status Init() {
    const char* datapath = options_.tessdata_dir.empty() ? nullptr : options_.tessdata_dir.c_str();
    if (api_.Init(datapath, options_.language.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
      return NotFound(fmt::format(
          "cannot load Tesseract language model '{}' from {}", options_.language,
          options_.tessdata_dir.empty() ? "the default tessdata folder" : options_.tessdata_dir));
    }
    // Tesseract's tprintf chatter ("Detected 25 diacritics") would flood cron mail.
    api_.SetVariable("debug_file", "/dev/null");
    return Status::Ok();
  }

  Result<PageText> Recognize(const cv::Mat& image, double dpi) override {
    return RecognizeWithMode(image, dpi, tesseract::PSM_AUTO);
  }

  Result<PageText> RecognizeBlock(const cv::Mat& image, double dpi) override {
    return RecognizeWithMode(image, dpi, tesseract::PSM_SINGLE_BLOCK);
  }

 private:
  Result<PageText> RecognizeWithMode(const cv::Mat& image, double dpi,
                                     tesseract::PageSegMode mode) {
    SOHOA_RETURN_IF_ERROR(RunRecognition(image, dpi, mode, options_.timeout_ms));
    PageText page;
    page.width_px = image.cols;
    page.height_px = image.rows;
    page.dpi = dpi;
    CollectLines(&page);
    api_.Clear();
    return page;
  }

  Status RunRecognition(const cv::Mat& image, double dpi, tesseract::PageSegMode mode,
                        int timeout_ms) {
    if (image.empty() || image.type() != CV_8UC1) {
      return Internal("OCR needs a non-empty 8-bit grey image");
    }
    api_.SetPageSegMode(mode);
    api_.SetImage(image.data, image.cols, image.rows, 1, static_cast<int>(image.step));
    api_.SetSourceResolution(static_cast<int>(std::lround(dpi)));
    tesseract::ETEXT_DESC monitor;
    if (timeout_ms > 0) monitor.set_deadline_msecs(timeout_ms);
    int rc = api_.Recognize(&monitor);
    if (timeout_ms > 0 && monitor.deadline_exceeded()) {
      api_.Clear();
      return Timeout(fmt::format("recognition exceeded {} ms", timeout_ms));
    }
    if (rc != 0) {
      api_.Clear();
      return Internal("Tesseract recognition failed");
    }
    return Status::Ok();
  }

  void CollectLines(PageText* page) {
    std::unique_ptr<tesseract::ResultIterator> it(api_.GetIterator());
    if (!it) return;
    int block_index = -1;
    double confidence_sum = 0;
    int low_confidence_words = 0;
    int word_count = 0;
    do {
      if (it->Empty(tesseract::RIL_WORD)) continue;
      if (it->IsAtBeginningOf(tesseract::RIL_BLOCK)) ++block_index;
      if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE) || page->lines.empty()) {
        TextLine line;
        line.block_index = std::max(block_index, 0);
        it->BoundingBox(tesseract::RIL_TEXTLINE, &line.box.left, &line.box.top, &line.box.right,
                        &line.box.bottom);
        page->lines.push_back(std::move(line));
      }
      std::unique_ptr<char[], TessTextDeleter> text(it->GetUTF8Text(tesseract::RIL_WORD));
      // Blank "words" (Tesseract returns them over picture-like regions) carry no text.
      if (!text ||
          std::string_view(text.get()).find_first_not_of(" \t\n") == std::string_view::npos) {
        continue;
      }
      Word word;
      word.text = ToNfc(text.get());
      word.confidence = it->Confidence(tesseract::RIL_WORD);
      it->BoundingBox(tesseract::RIL_WORD, &word.box.left, &word.box.top, &word.box.right,
                      &word.box.bottom);
      // Statistics count every word: the orientation vote compares whole readings.
      confidence_sum += word.confidence;
      low_confidence_words += word.confidence < kLowWordConfidence ? 1 : 0;
      ++word_count;
      if (IsJunkWord(word.text, word.confidence)) continue;
      word.text = WithPlainSlashes(std::move(word.text));
      page->lines.back().words.push_back(std::move(word));
    } while (it->Next(tesseract::RIL_WORD));
    std::erase_if(page->lines, [](const TextLine& line) { return line.words.empty(); });
    page->quality.word_count = word_count;
    page->quality.mean_confidence = word_count ? confidence_sum / word_count : 0;
    page->quality.low_confidence_share =
        word_count ? static_cast<double>(low_confidence_words) / word_count : 0;
  }

  OcrOptions options_;
  tesseract::TessBaseAPI api_;
};

}  // namespace

Result<std::unique_ptr<OcrEngine>> OcrEngine::Create(const OcrOptions& options) {
  auto engine = std::make_unique<TesseractEngine>(options);
  SOHOA_RETURN_IF_ERROR(engine->Init());
  return std::unique_ptr<OcrEngine>(std::move(engine));
}

}  // namespace sohoa::ocr
