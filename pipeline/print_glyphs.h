// The print's glyphs in a crop of the number row, for finding the label's and the symbol's
// edges in the ink (pipeline/number_slot_ink.h): coloured pen ink told from print, ruled lines
// left out, and each 8-connected piece of ink measured. Internal to the pipeline; pure
// functions of the pixels, safe to call from any thread.
#pragma once

#include <opencv2/core.hpp>
#include <vector>

namespace sohoa::pipeline {

// How far past its saturated core a pen stroke's antialiased rim reaches.
constexpr int kPenRimPx = 2;
// Above this chroma, ink is surely coloured (as in ocr/field_reader.cc's ink layer).
constexpr int kStrongPenChroma = 60;

// One 8-connected piece of ink.
struct Glyph {
  cv::Rect box;
  int area = 0;
  // How far the ink of the top quarter rows lies right of the bottom quarter's, as a share of
  // the width: a printed slash leans about 0.6, upright capitals about 0.
  double lean = 0;
  // The same of the glyph's first columns, as many as 0.45 of its height (a printed slash's
  // width): a slash touching the capital after it leans there.
  double left_lean = 0;
  // For each row of the box from its top: the glyph's rightmost ink column, the first column
  // of the run of ink that ends there, and the last column of ink before that run; the
  // leftmost ink column and the last column of the run it starts; -1 where there is none.
  struct RowInk {
    int right = -1, right_run = -1, before_run = -1;
    int left = -1, left_run_end = -1;
  };
  std::vector<RowInk> rows;
  // A ruled line left out of the ink (a stamp frame's edge) ran across or along the glyph: its
  // box may lack the rows the line covered, or take in marks the line's leftover joined to it.
  bool touches_rule = false;
  int centre_x() const { return box.x + box.width / 2; }
  int bottom() const { return box.y + box.height; }
  int right() const { return box.x + box.width; }
};

// All ink of `row` (255 on 0).
cv::Mat AllInk(const cv::Mat& row);

// Coloured pen or stamp ink of a BGR `row` (255 on 0), widened over the stroke's antialiased
// rim (kPenRimPx), which is neither pen nor print where it meets the print.
cv::Mat PenInk(const cv::Mat& row);

// The boxes of the 8-connected pieces of `ink` (255 on 0).
std::vector<cv::Rect> PieceBoxes(const cv::Mat& ink);

// The print's ink in `row` (255 on 0): in colour, without the pen's.
cv::Mat PrintInk(const cv::Mat& row);

// The glyphs of the print's ink in `row` centred in columns [from, to) and rows [top, bottom)
// (the box of the word they were read in). Ruled lines are left out: a stamp frame's edge
// drawn through the symbol joins the slash to its capitals, its side touching the last one
// makes a tall leaning stroke of it. A level rule is twice as long as `row` is tall (the row
// and half a row above and below), far longer than any run of print along a baseline; an
// upright one is taller than the word.
std::vector<Glyph> InkGlyphs(const cv::Mat& row, int from, int to, int top, int bottom);

// The median of `values` (not empty).
int Median(std::vector<int> values);

}  // namespace sohoa::pipeline
