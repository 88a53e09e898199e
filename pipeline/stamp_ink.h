// Taking a stamp's ink off a crop of the header before it is read again: an incoming-mail
// stamp ('CÔNG VĂN ĐẾN', a coloured rectangular frame whose lines cross the print) or an
// urgency stamp laid over the agency's name or the number row garbles Tesseract's reading of
// the print under it. Used by pipeline/header_rows.cc (the number row) and
// pipeline/agency_block.cc (the agency's name). Pure functions of the pixels.
#pragma once

#include <opencv2/core.hpp>

namespace sohoa::pipeline {

// `crop` as grey with coloured ink whitened (grey input is returned as a copy): red, violet
// and blue inks sit far from grey; black print on tinted paper, and print under a stamp (the
// mix stays dark), do not.
cv::Mat WithoutColouredInk(const cv::Mat& crop, double dpi);

// `grey` with straight lines much longer than a letter whitened (a frame's sides, tilted up to
// 8 degrees, and rules), and the strokes they cross kept; where such a line is paler than the
// print it crosses, that print stays. With `keep_touching`, also the line's pixels just above
// or below the print it touches: a frame's edge run along a row's letter tops (or feet) takes
// their tops with it otherwise ('Số' reads 'S0', the slash a comma), and the letters keep a
// bump of the line instead.
cv::Mat WithoutStraightLines(const cv::Mat& grey, double dpi, bool keep_touching = false);

// `crop` (grey or BGR, at `dpi`) as grey with both the coloured ink and the straight lines
// taken away.
cv::Mat WithoutStampInk(const cv::Mat& crop, double dpi);

// Whitens columns of `grey` that are mostly ink: a scanner's dark border (or a fold's shadow)
// at the crop's edge, which Tesseract would read as a blot beside the text.
void WhitenDarkColumns(cv::Mat* grey);

// `grey` with only its darkest ink: pixels darker than halfway between the ink's core (its
// tenth percentile) and the Otsu threshold between ink and paper; the rest paper. A stamp's
// ink, red, violet or blue turned grey, and the pale pen of its fill-in lines are lighter than
// black print, whose strokes keep their cores. An empty Mat when `grey` is bilevel or has no
// ink.
cv::Mat DarkestInk(const cv::Mat& grey);

namespace internal {

// The opening of binary `ink` (CV_8UC1, 0 or 255) by a line of `length` pixels along its rows
// (`along_rows`) or along its columns: pixel for pixel what cv::morphologyEx(MORPH_OPEN) gives
// with a 1 x `length` (or `length` x 1) rectangle, its default anchor and borders, found from
// the ink's runs in one pass instead of `length` comparisons a pixel. (An even length's
// opening lies one pixel right of, or below, the run it keeps: OpenCV's anchor.)
cv::Mat OpenedAlongRuns(const cv::Mat& ink, int length, bool along_rows);

}  // namespace internal
}  // namespace sohoa::pipeline
