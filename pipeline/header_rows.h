// The header's number row ('Số: 47/QĐ-UBND') when the full-page pass lost it.
//
// An incoming-mail stamp ('CÔNG VĂN ĐẾN', a coloured rectangular frame whose lines cross the
// print) or an urgency stamp ('HỎA TỐC') laid over the left header column makes Tesseract's
// layout analysis drop or garble the number row, so no number slot is found. The row sits
// under the agency name, level with or just above or below the date row: that band of the
// left column is cut from the scan, the stamp's ink taken away, and read again as a block.
#pragma once

#include <opencv2/core.hpp>

#include "common/page_text.h"
#include "ocr/ocr_engine.h"

namespace sohoa::pipeline {

// When `page` (read from `source`, the decoded scan mapped to the upright frame by
// page->source_to_upright) has a date row but no number slot with a whole '/SYMBOL' (one read
// cut short, '/UBND-', counts as none), re-reads the left header column around the date row
// with `engine` and, when the re-read finds 'Số' with a '/SYMBOL' after it on one line, puts
// that row's words (label to symbol) into `page` in place of the words it covers; when no
// strip reads the label, a strip where NumberRowWordsWithLabelLost or ...WithSlashLost finds
// the row, or, when `page` has no number slot at all, ...WithLabelUnread
// (pipeline/number_row_words.h). A stamp's own 'Số: 2352' has no symbol and is never taken.
// Returns true when a row was put in.
bool RecoverNumberRow(const cv::Mat& source, ocr::OcrEngine& engine, PageText* page);

}  // namespace sohoa::pipeline
