// The printed 'ngày' of the header's date row when the full-page pass lost it.
//
// A day written by hand against the printed word (a pen '20' whose first stroke touches the
// italic 'y') makes Tesseract's page pass drop the word whole, anchor and value alike. The
// day's slot is then cut left of 'tháng' wide enough for both, and the field re-read takes the
// printed letters for digits ('ngày20' read '80920'). Read on its own as a block, the slot
// gives the anchor back ('ngày80'), and the slot is then cut after it.
#pragma once

#include <opencv2/core.hpp>

#include "common/page_text.h"
#include "ocr/ocr_engine.h"

namespace sohoa::pipeline {

// When `page` (read from `source`, the decoded scan mapped to the upright frame by
// page->source_to_upright) has a day slot but no 'ngày' before it, reads the slot again with
// `engine` and, when that reads a word that is 'ngày' (alone or with the pen's strokes glued
// after it), puts the word into the slot's line in place of what the page pass read there.
// Returns true when a word was put in.
bool RecoverDayAnchor(const cv::Mat& source, ocr::OcrEngine& engine, PageText* page);

}  // namespace sohoa::pipeline
