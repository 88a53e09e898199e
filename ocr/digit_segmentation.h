// Cutting a field crop's pen ink into digit glyphs for the handwritten-digit reader
// (ocr/digit_classifier.h): connected components, merged when stacked, split when too wide for
// one digit. Pure functions of the ink; safe to call from any thread.
#pragma once

#include <opencv2/core.hpp>
#include <utility>
#include <vector>

namespace sohoa::ocr {

// The ink of a field crop (CV_8UC1 grey or CV_8UC3 BGR) as CV_8UC1, 255 = ink: coloured pen
// ink when a colour crop holds some (black print is left out), else dark pixels by Otsu.
// Strokes reaching in from the lines above and below are removed.
cv::Mat FieldInkMask(const cv::Mat& crop);

// Cuts an ink mask into glyphs, left to right: pieces stacked over each other are merged,
// specks and pieces far shorter than the tallest dropped, glyphs too wide for one digit split
// at their thinnest column.
std::vector<cv::Rect> SegmentDigits(const cv::Mat& ink, double dpi);

// One glyph as segmented: the connected components (labels of the ink's 8-connected
// labelling) that make it, and the box of the columns it owns.
struct DigitPiece {
  std::vector<int> labels;
  cv::Rect box;
};

// The glyph's own ink in its box (255 on 0): a slanted neighbour reaching into the box is left
// out.
cv::Mat DigitPieceMask(const cv::Mat& labels, const DigitPiece& piece);

// SegmentDigits' glyphs, from the ink's 8-connected components (`labels`, `stats`).
std::vector<DigitPiece> SegmentDigitPieces(const cv::Mat& labels, const cv::Mat& stats, double dpi);

// The ways to cut `piece` in two: at its thinnest column in the middle 40 % of its width, and
// in its left and right fifths to two fifths, where a narrow pen '1' touching a wider digit
// ends ('19', '71'). Halves with no width are left out.
std::vector<std::pair<DigitPiece, DigitPiece>> SplitsInTwo(const cv::Mat& labels,
                                                           const DigitPiece& piece);

// The thinnest pixel row of `mask` (a piece's ink, laid over `box` in the crop) among the crop
// rows [from, to), the one nearest `toward` of those about as thin: where a stroke reaching in
// meets the glyph. `toward` when the range misses the box.
int ThinnestRowNear(const cv::Mat& mask, const cv::Rect& box, int from, int to, int toward);

}  // namespace sohoa::ocr
