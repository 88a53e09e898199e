#include "pipeline/page_recognizer.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <string>

#include "ocr/reading_order.h"
#include "pipeline/agency_block.h"
#include "pipeline/header_fields.h"
#include "pipeline/missed_text.h"

namespace sohoa::pipeline {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Confidence alone can favour a turn that finds three confident specks; require the better
// reading to find a comparable amount of text.
bool ReadsBetter(const QualityRecord& candidate, const QualityRecord& current) {
  return candidate.mean_confidence > current.mean_confidence + 10 &&
         candidate.word_count * 2 >= current.word_count;
}

// Tesseract reads lines that run down the page too (it turns them internally), with good
// confidence, so a page turned the wrong way by a quarter still "reads well"; but its words
// then stand upright, taller than wide. That is the sign the text-direction family was wrong.
bool ReadsPerpendicular(const PageText& text) {
  int long_words = 0, upright_words = 0;
  for (const TextLine& line : text.lines) {
    for (const Word& word : line.words) {
      if (word.text.size() < 4) continue;
      ++long_words;
      upright_words += word.box.height() > word.box.width() ? 1 : 0;
    }
  }
  return long_words >= 10 && upright_words * 2 > long_words;
}

}  // namespace

Result<PageText> RecognizePage(const DecodedPage& page, ocr::OcrEngine& engine,
                               const RecognitionSettings& requested, PageTimings* timings) {
  Clock::time_point start = Clock::now();
  RecognitionSettings settings = requested;
  double pixels_at_target =
      static_cast<double>(page.pixels.total()) * std::pow(settings.clean.target_dpi / page.dpi, 2);
  if (pixels_at_target > settings.max_ocr_pixels) {
    settings.clean.target_dpi *= std::sqrt(settings.max_ocr_pixels / pixels_at_target);
  }
  preprocess::PageGeometry geometry = preprocess::EstimateGeometry(page.pixels, page.dpi);
  int orientation = 0;
  if (settings.detect_orientation && geometry.text_runs_vertically) orientation = 90;
  Result<preprocess::CleanPage> clean = preprocess::CleanForOcr(
      page.pixels, page.dpi, orientation, geometry.skew_degrees, settings.clean);
  if (!clean.ok()) return clean.status();
  timings->clean_seconds += SecondsSince(start);

  start = Clock::now();
  Result<PageText> text = engine.Recognize(clean->image, clean->dpi);
  timings->pass_page_seconds += SecondsSince(start);
  Clock::time_point turns_start = Clock::now();
  if (settings.detect_orientation && text.ok() && ReadsPerpendicular(*text)) {
    for (int quarter : {90, 270}) {
      int turned = (orientation + quarter) % 360;
      Result<preprocess::CleanPage> turned_clean = preprocess::CleanForOcr(
          page.pixels, page.dpi, turned, geometry.skew_degrees, settings.clean);
      if (!turned_clean.ok()) continue;
      Result<PageText> turned_text = engine.Recognize(turned_clean->image, turned_clean->dpi);
      if (!turned_text.ok() || ReadsPerpendicular(*turned_text)) continue;
      spdlog::debug("orientation {} -> {}: words stood upright", orientation, turned);
      orientation = turned;
      clean = std::move(turned_clean);
      text = std::move(turned_text);
      break;
    }
  }
  if (settings.detect_orientation && text.ok() &&
      (text->quality.word_count < settings.review_min_words ||
       text->quality.mean_confidence < settings.orientation_check_below_confidence)) {
    // Upside-down (or the other sideways) text reads as junk of low confidence. Read the page
    // turned half round and keep the turn that reads better; upright pages that read well
    // never pay for this.
    int flipped = (orientation + 180) % 360;
    // A half turn about the centre leaves the measured line angle unchanged.
    Result<preprocess::CleanPage> flipped_clean = preprocess::CleanForOcr(
        page.pixels, page.dpi, flipped, geometry.skew_degrees, settings.clean);
    if (flipped_clean.ok()) {
      Result<PageText> flipped_text = engine.Recognize(flipped_clean->image, flipped_clean->dpi);
      if (flipped_text.ok() && ReadsBetter(flipped_text->quality, text->quality)) {
        spdlog::debug("orientation {} -> {}: confidence {:.0f} -> {:.0f}", orientation, flipped,
                      text->quality.mean_confidence, flipped_text->quality.mean_confidence);
        clean = std::move(flipped_clean);
        text = std::move(flipped_text);
      }
    }
  }
  timings->pass_turns_seconds += SecondsSince(turns_start);
  Clock::time_point unread_start = Clock::now();
  if (text.ok()) RecoverMissedText(clean->image, clean->dpi, engine, settings.missed_text, &*text);
  timings->pass_unread_ink_seconds += SecondsSince(unread_start);

  PageText result;
  if (text.ok()) {
    result = std::move(text).value();
  } else {
    result.width_px = clean->image.cols;
    result.height_px = clean->image.rows;
    result.dpi = clean->dpi;
    result.quality.AddReviewReason(text.status().code() == StatusCode::kTimeout
                                       ? "OCR timed out: page kept as image only"
                                       : "OCR failed: " + text.status().message());
    result.quality.ocr_timed_out = text.status().code() == StatusCode::kTimeout;
  }
  result.source_to_upright = clean->source_to_upright;
  // Hand-filled number/day/month of the header: re-read on their own from the scan.
  Clock::time_point fields_start = Clock::now();
  if (text.ok()) RereadHeaderFields(page.pixels, engine, &result);
  if (text.ok()) result.agency_lines = ReadAgencyBlock(clean->image, engine, result);
  timings->pass_header_fields_seconds += SecondsSince(fields_start);
  timings->ocr_seconds += SecondsSince(start);
  // After the header re-read, which finds a number slot by its place on the "Số:" line.
  if (text.ok()) ocr::SplitAtColumnGaps(&result);
  QualityRecord& quality = result.quality;
  quality.orientation_degrees = clean->orientation_degrees;
  quality.skew_degrees = clean->skew_degrees;
  quality.source_dpi = page.dpi;
  quality.dpi_estimated = page.dpi_estimated;
  if (text.ok()) {
    if (quality.word_count < settings.review_min_words) {
      quality.AddReviewReason("near-empty page");
    } else if (quality.mean_confidence < settings.review_below_confidence) {
      quality.AddReviewReason(fmt::format("low confidence ({:.0f})", quality.mean_confidence));
    } else if (quality.low_confidence_share > settings.review_low_word_share) {
      quality.AddReviewReason(
          fmt::format("{:.0f}% doubtful words", 100 * quality.low_confidence_share));
    }
  }
  return result;
}

}  // namespace sohoa::pipeline
