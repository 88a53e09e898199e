// Where the hand-filled numeral of 'Số: 47/QĐ-UBND' begins and ends, found in the printed ink
// around it: the end of the label (its colon) and the slash that opens the symbol.
//
// OCR words give those edges only roughly. A pen numeral written close to the print is read
// glued to it ('Sð:64/UBND-VHTT', '727/STTTT-BCVT'), and a share of a glued word's box by code
// points puts the cut inside the numeral: pen digits are wider or narrower than printed
// characters, so a digit at either end was lost ('643' read '43', '2271' read '727'). The colon
// and the slash are shapes of print that pen digits rarely make in their place: two dots
// stacked on the label's baseline, and a thin stroke leaning right that spans the symbol's
// capitals, the first such stroke met walking left from the symbol's end.
#pragma once

#include <opencv2/core.hpp>
#include <optional>

namespace sohoa::pipeline {

// Columns [begin, end) of a label's ink.
struct LabelInk {
  int begin = 0, end = 0;
};

// Where the label 'Số:' lies in `row` (grey or BGR, dark print on light paper:
// the number row and the rows above and below): from its 'S' to its colon, or to its 'ố' when
// no colon is seen (a pen digit written over it). Looked for among the glyphs centred in
// `label_word` (the box of the word OCR read the label in, in `row`'s frame) or up to half its
// height right of it, from the label's 'S' (the first glyph a third as tall as the word or
// more). nullopt when no 'S' followed by an 'ố' is seen there.
std::optional<LabelInk> FindLabelInk(const cv::Mat& row, const cv::Rect& label_word);

// A slash's stroke: its axis from the foot to the top, and its width.
struct SlashStroke {
  cv::Point foot, top;
  int width = 0;
};

// The slash opening the symbol, as its ink shows it.
struct SlashInk {
  // The column the numeral's slot ends at: the slash's first, or, with a pen digit touching
  // it or leaning over its foot's columns, the first past that digit's ink.
  int start = 0;
  // With such a digit, the slash's stroke, which then lies partly inside the slot beside the
  // digit and is no part of it.
  std::optional<SlashStroke> touched;
};

// The slash opening the symbol in `row`, found walking left from the end of `symbol_word` (the
// box of the word OCR read the symbol in) through its printed capitals and dashes, down to
// column `from`; ruled lines (a stamp frame's edges) are not print. A slash printed touching
// the first capital is found at the start of the glyph both make (the walk ends at a gap
// between words after it, with ink off the print's lines past it); one a pen digit touches (the
// pen's ink not told from the print's by its colour) where the glyph's right side is a thin
// stroke leaning as a slash does, with the digit's ink beside it. nullopt when something else
// comes first (pen ink over the print, a stamp's mark), there is no slash, or what was taken
// for one starts left of `from` (ink a frame's edge joined across the numeral and the symbol).
std::optional<SlashInk> FindSlash(const cv::Mat& row, const cv::Rect& symbol_word, int from);

// Where a coloured pen's numeral whose strokes reach into `value` (the slot's box in `row`'s
// frame) begins, when it begins left of `value`: OCR read its first strokes into the label's
// word ('số“' for 'Số:' and a '3'), so the slot estimated from the words starts inside it.
// Never left of column `stop` (the label's end). Strongly coloured strokes of a digit's height,
// each at most half a row from the next, count; nullopt for a grey row, or when none begins
// left of `value`.
std::optional<int> PenInkStart(const cv::Mat& row, const cv::Rect& value, int stop);

// The column just right of the last ink-free column at or left of `x`, looking no further left
// than `stop`, counting only ink in rows [core_top, core_bottom): the row above its
// descenders, which would bridge the gap between a printed word and a pen digit, while a
// letter's arch and a digit's top close the gaps inside them. nullopt when no column there is
// free of ink.
std::optional<int> InkGapBefore(const cv::Mat& row, int x, int stop, int core_top, int core_bottom);

// The same rightwards: the first ink-free column at or right of `x`, looking no further right
// than `stop`.
std::optional<int> InkGapAfter(const cv::Mat& row, int x, int stop, int core_top, int core_bottom);

// How wide the ink in the middle of `crop` (a slot's crop, grey or BGR, its row in the middle)
// is: the columns from the first to the last with ink a third of `row_height` above or below
// the crop's centre, where every digit has strokes and the rows above and below reach none. A
// column with a speck's single pixel does not count.
int CoreInkWidth(const cv::Mat& crop, int row_height);

}  // namespace sohoa::pipeline
