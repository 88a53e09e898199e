// A second look at ink the page-level OCR pass left unread.
//
// Tesseract's layout analysis drops text crossed by a seal or a signature (it takes the
// region for a picture), which on directives is the signer's title block. Reading such a
// region as a forced block of lines recovers most of it (vn-public pub19 p2: nothing read
// at the page level, the title lines read as a block).
#pragma once

#include <opencv2/core.hpp>

#include "common/page_text.h"
#include "ocr/ocr_engine.h"

namespace sohoa::pipeline {

struct MissedTextSettings {
  int max_regions = 6;             // bounds the extra recognition work per page
  float min_word_confidence = 65;  // a recovered word must be read confidently
  int min_words_per_region = 2;    // a lone confident "word" is usually a signature stroke
};

// Finds regions of `image` (the upright, cleaned page `text` was read from) holding ink
// that no recognised word covers, reads each as a block and inserts the confident lines
// into `text` in reading order (before the first line that starts below the region's top,
// after the lines beside the region on its left).
// A re-read word lying mostly (> 40 % of either box) on a word `text` already holds is
// dropped: the region's rectangle can reach over words read beside the unread ink. A region whose
// ink falls into two tones (a grey seal over black print) is also read with the lighter tone
// whitened, and that reading is used when its confident words (confidence x length) outweigh the
// plain one's. Returns the number of lines added.
int RecoverMissedText(const cv::Mat& image, double dpi, ocr::OcrEngine& engine,
                      const MissedTextSettings& settings, PageText* text);

}  // namespace sohoa::pipeline
