// One page from decoded scan to PageText: geometry, orientation (layout analysis for the
// 0/180 vs 90/270 family, recognition confidence for the turn within it), cleaning, OCR and
// the page's quality record.
#pragma once

#include "common/page_text.h"
#include "common/status.h"
#include "ocr/ocr_engine.h"
#include "pipeline/missed_text.h"
#include "pipeline/source.h"
#include "preprocess/page_cleaner.h"

namespace sohoa::pipeline {

struct RecognitionSettings {
  preprocess::CleanOptions clean;
  bool detect_orientation = true;
  // A page whose mean word confidence is below this is checked at the opposite turn.
  double orientation_check_below_confidence = 75;
  double review_below_confidence = 70;  // needs_review: low confidence
  double review_low_word_share = 0.35;  // needs_review: too many doubtful words
  int review_min_words = 5;             // needs_review: near-empty page
  // Recognition time and Tesseract's memory grow with pixels: posters and 2400-dpi scans are
  // read below clean.target_dpi so that no page needs more than this (A3 at 300 dpi is 17 Mpx).
  double max_ocr_pixels = 24e6;
  MissedTextSettings missed_text;
};

// Seconds one page spent, by step. ocr_seconds is every recognition pass together; the
// pass_* parts split it, so a run report can say what the passes beyond the first cost.
struct PageTimings {
  double clean_seconds = 0;
  double ocr_seconds = 0;
  double pass_page_seconds = 0;           // the first full-page reading
  double pass_turns_seconds = 0;          // re-cleaning and re-reading the page turned
  double pass_unread_ink_seconds = 0;     // the second look at ink the page pass left unread
  double pass_header_fields_seconds = 0;  // re-reading the hand-filled header fields
};

// Never fails for a recognisable page: an OCR timeout or error yields an image-only page
// (no lines) flagged needs_review. Fails only when cleaning itself fails.
Result<PageText> RecognizePage(const DecodedPage& page, ocr::OcrEngine& engine,
                               const RecognitionSettings& settings, PageTimings* timings);

}  // namespace sohoa::pipeline
