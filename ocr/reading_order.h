// Reading order of a page's text as extractors see it.
//
// Tesseract joins the rows of a two-column block (the header's issuing body | national title,
// the closing's "Nơi nhận:" | signature titles) into one line. Extractors such as Poppler's
// pdftotext do not follow the content stream: they rebuild lines and blocks from geometry and
// font size (a block takes the next line only when its baseline is within 1.5 font sizes and
// its font size within 5 %), then order the blocks. So the order a reader gets is decided by
// where each column's lines sit and which size they are drawn in.
#pragma once

#include <vector>

#include "common/page_text.h"

namespace sohoa::ocr {

// Splits every line at word gaps wide enough to be a column gap (far wider than the line's
// word spacing), so each column's part is a line of its own. The parts keep the line's block
// and take its place, left to right.
void SplitAtColumnGaps(PageText* text);

// The font size (in pixels of the upright frame) to draw each line of `text` with, in order.
// Lines near the page's body-text height all get that one size (line boxes differ by diacritics
// and descenders, and extractors split blocks at any size change); lines stacked in a narrow
// column whose rows stand further apart than an extractor joins get a size that spans the
// widest step, so the column stays one block and is read before the column beside it.
std::vector<double> LineFontSizes(const PageText& text);

}  // namespace sohoa::ocr
