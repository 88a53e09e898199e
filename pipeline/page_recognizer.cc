#include "pipeline/page_recognizer.h"

#include <chrono>
#include <string>

#include <spdlog/spdlog.h>

namespace sohoa::pipeline {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The middle band of a page carries body text on almost every document kind; a third of
// the page is enough for a confident orientation vote at a fraction of a page's cost.
cv::Mat MiddleBand(const cv::Mat& image) {
  int top = image.rows / 4;
  int height = std::max(1, image.rows * 3 / 10);
  return image(cv::Rect(0, top, image.cols, std::min(height, image.rows - top))).clone();
}

void AddReason(QualityRecord* quality, const std::string& reason) {
  quality->needs_review = true;
  if (!quality->review_reason.empty()) quality->review_reason += "; ";
  quality->review_reason += reason;
}

}  // namespace

Result<PageText> RecognizePage(const DecodedPage& page, ocr::OcrEngine& engine,
                               const RecognitionSettings& settings, PageTimings* timings) {
  Clock::time_point start = Clock::now();
  preprocess::PageGeometry geometry = preprocess::EstimateGeometry(page.pixels, page.dpi);
  int orientation = 0;
  if (settings.detect_orientation && geometry.text_runs_vertically) orientation = 90;
  Result<preprocess::CleanPage> clean = preprocess::CleanForOcr(
      page.pixels, page.dpi, orientation, geometry.skew_degrees, settings.clean);
  if (!clean.ok()) return clean.status();
  timings->clean_seconds += SecondsSince(start);

  start = Clock::now();
  Result<PageText> text = engine.Recognize(clean->image, clean->dpi);
  if (settings.detect_orientation && text.ok() &&
      (text->quality.word_count < settings.review_min_words ||
       text->quality.mean_confidence < settings.orientation_check_below_confidence)) {
    // Upside-down (or the other sideways) text reads as junk of middling confidence; compare
    // the same band turned half round and keep the turn that reads better.
    cv::Mat band = MiddleBand(clean->image);
    Result<double> as_is = engine.MeanConfidence(band, clean->dpi);
    cv::Mat turned = preprocess::RotateQuadrant(band, 180);
    Result<double> half_turn = engine.MeanConfidence(turned, clean->dpi);
    if (as_is.ok() && half_turn.ok() && *half_turn > *as_is + 10) {
      int flipped = (orientation + 180) % 360;
      // A page turned half round is skewed the other way round about its centre: the
      // measured line angle is unchanged.
      Result<preprocess::CleanPage> flipped_clean = preprocess::CleanForOcr(
          page.pixels, page.dpi, flipped, geometry.skew_degrees, settings.clean);
      if (flipped_clean.ok()) {
        Result<PageText> flipped_text = engine.Recognize(flipped_clean->image, flipped_clean->dpi);
        if (flipped_text.ok()) {
          spdlog::debug("orientation: {} -> {} (band confidence {:.0f} vs {:.0f})", orientation,
                        flipped, *as_is, *half_turn);
          clean = std::move(flipped_clean);
          text = std::move(flipped_text);
        }
      }
    }
  }
  timings->ocr_seconds += SecondsSince(start);

  PageText result;
  if (text.ok()) {
    result = std::move(text).value();
  } else {
    result.width_px = clean->image.cols;
    result.height_px = clean->image.rows;
    result.dpi = clean->dpi;
    AddReason(&result.quality, text.status().code() == StatusCode::kTimeout
                                   ? "OCR timed out: page kept as image only"
                                   : "OCR failed: " + text.status().message());
    result.quality.ocr_timed_out = text.status().code() == StatusCode::kTimeout;
  }
  result.source_to_upright = clean->source_to_upright;
  QualityRecord& quality = result.quality;
  quality.orientation_degrees = clean->orientation_degrees;
  quality.skew_degrees = clean->skew_degrees;
  quality.source_dpi = page.dpi;
  quality.dpi_estimated = page.dpi_estimated;
  if (text.ok()) {
    if (quality.word_count < settings.review_min_words) {
      AddReason(&quality, "near-empty page");
    } else if (quality.mean_confidence < settings.review_below_confidence) {
      AddReason(&quality, fmt::format("low confidence ({:.0f})", quality.mean_confidence));
    } else if (quality.low_confidence_share > settings.review_low_word_share) {
      AddReason(&quality, fmt::format("{:.0f}% doubtful words", 100 * quality.low_confidence_share));
    }
  }
  return result;
}

}  // namespace sohoa::pipeline
