#include "pipeline/number_slot_ink.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "ocr/ink_colour.h"
#include "pipeline/print_glyphs.h"

namespace sohoa::pipeline {
namespace {

// The widest a letter is for its height (an 'M', a 'W' of a serif face): no label's 'S' is
// wider.
constexpr int kMaxLetterAspect = 2;
// An 'S' alone is about 0.65 of its height wide; 'Sô' printed joined, about 1.2.
constexpr double kJoinedLabelWidth = 1.0;

}  // namespace

std::optional<LabelInk> FindLabelInk(const cv::Mat& row, const cv::Rect& label_word) {
  if (row.empty() || label_word.width <= 0 || label_word.height <= 0) return std::nullopt;
  std::vector<Glyph> glyphs =
      InkGlyphs(row, label_word.x, label_word.x + label_word.width + label_word.height / 2,
                label_word.y, label_word.y + label_word.height);
  std::sort(glyphs.begin(), glyphs.end(),
            [](const Glyph& a, const Glyph& b) { return a.box.x < b.box.x; });
  // The word's box may hold a tall pen numeral read glued to the label: a third of its height.
  // A letter is not much wider than it is tall; a stamp frame's tilted edge crossing the row,
  // one piece with whatever ink it touches, is.
  const auto s = std::find_if(glyphs.begin(), glyphs.end(), [&](const Glyph& glyph) {
    return glyph.box.height * 3 >= label_word.height &&
           glyph.box.width <= glyph.box.height * kMaxLetterAspect;
  });
  if (s == glyphs.end()) return std::nullopt;
  const double cap = s->box.height;
  const int cap_top = s->box.y, baseline = s->bottom();
  // The colon's right side when its dots come within half a cap of `letters_end`. A colon's dot
  // is round, more than a speck. The pen's antialiased rim left in the print's ink where a
  // digit touches the colon falls into slivers and crumbs ('5' written over the lower dot),
  // which pair up like a colon further right, inside the digit.
  auto colon_after = [&](int letters_end) -> std::optional<int> {
    auto is_dot = [&](const Glyph& glyph) {
      return glyph.box.x >= letters_end - 1 && glyph.box.height <= 0.35 * cap &&
             glyph.box.width <= 0.35 * cap && glyph.area >= std::max(2.0, cap * cap / 150) &&
             glyph.box.width <= 2 * glyph.box.height && glyph.box.height <= 2 * glyph.box.width;
    };
    for (const Glyph& lower : glyphs) {
      if (!is_dot(lower) || std::abs(lower.bottom() - baseline) > 0.2 * cap) continue;
      for (const Glyph& upper : glyphs) {
        if (&upper == &lower || !is_dot(upper)) continue;
        const int gap = lower.box.y - upper.bottom();
        // The upper dot sits at the x-height, below the marks over 'ố'.
        if (upper.box.y < cap_top + 0.25 * cap || gap < 0.1 * cap || gap > 0.6 * cap) continue;
        if (std::abs(upper.centre_x() - lower.centre_x()) >
            std::max(upper.box.width, lower.box.width)) {
          continue;
        }
        // The colon right after the label, not a dot pair further on in the pen numeral.
        if (lower.box.x > letters_end + cap / 2) continue;
        return std::max(upper.right(), lower.right());
      }
    }
    return std::nullopt;
  };
  // Bold or 1-bit print can join the 'S' and the 'ố' into one glyph, as wide as the two. A pen
  // digit glued to the 'S' is as wide, so only a colon right after it says the label ends
  // there; without one, the 'ố' is looked for as below.
  if (s->box.width >= kJoinedLabelWidth * cap) {
    if (const std::optional<int> colon = colon_after(s->right())) return LabelInk{s->box.x, *colon};
  }
  // The 'ố' after the 'S': a lower-case body on the baseline, its marks above it. A pen digit
  // written over the colon hides it; the label then ends with the 'ố'. A stamp frame's edge
  // drawn across the label and left out of the ink cuts off the top of the 'S', or joins the
  // 'ố' to its marks: then the 'ố' is only known to be no taller than the 'S'.
  const auto o = std::find_if(s + 1, glyphs.end(), [&](const Glyph& glyph) {
    const double tallest = s->touches_rule || glyph.touches_rule ? cap : 0.85 * cap;
    return glyph.box.height >= 0.45 * cap && glyph.box.height <= tallest &&
           std::abs(glyph.bottom() - baseline) <= 0.2 * cap;
  });
  if (o == glyphs.end() || o->box.x > s->right() + cap / 2) return std::nullopt;
  // A noisy scan can break the 'ố' at its thin top and bottom into halves side by side: the
  // body goes on over pieces as tall as a lower-case letter, on the baseline, beginning within
  // a thin stroke's width of it. (A colon's dots are smaller; a pen digit is taller.)
  int body_right = o->right();
  for (auto piece = o + 1; piece != glyphs.end(); ++piece) {
    if (piece->box.x > body_right + std::max(2.0, 0.1 * cap)) break;
    if (piece->box.height >= 0.45 * cap && piece->box.height <= 0.85 * cap &&
        std::abs(piece->bottom() - baseline) <= 0.2 * cap) {
      body_right = std::max(body_right, piece->right());
    }
  }
  int label_end = body_right;
  for (const Glyph& mark : glyphs) {
    if (mark.bottom() <= o->box.y + 2 && mark.centre_x() >= o->box.x &&
        mark.centre_x() < body_right) {
      label_end = std::max(label_end, mark.right());
    }
  }
  return LabelInk{s->box.x, colon_after(label_end).value_or(label_end)};
}

std::optional<int> InkGapBefore(const cv::Mat& row, int x, int stop, int core_top,
                                int core_bottom) {
  core_top = std::clamp(core_top, 0, row.rows);
  core_bottom = std::clamp(core_bottom, core_top, row.rows);
  x = std::min(x, row.cols - 1);
  if (row.empty() || core_bottom <= core_top || x < 0) return std::nullopt;
  const cv::Mat ink = AllInk(row);
  const cv::Mat core = ink.rowRange(core_top, core_bottom);
  for (int column = x; column >= std::max(stop, 0); --column) {
    if (cv::countNonZero(core.col(column)) == 0) return column + 1;
  }
  return std::nullopt;
}

std::optional<int> InkGapAfter(const cv::Mat& row, int x, int stop, int core_top, int core_bottom) {
  core_top = std::clamp(core_top, 0, row.rows);
  core_bottom = std::clamp(core_bottom, core_top, row.rows);
  x = std::max(x, 0);
  if (row.empty() || core_bottom <= core_top || x >= row.cols) return std::nullopt;
  const cv::Mat ink = AllInk(row);
  const cv::Mat core = ink.rowRange(core_top, core_bottom);
  for (int column = x; column <= std::min(stop, row.cols - 1); ++column) {
    if (cv::countNonZero(core.col(column)) == 0) return column;
  }
  return std::nullopt;
}

std::optional<int> PenInkStart(const cv::Mat& row, const cv::Rect& value, int stop) {
  if (row.empty() || row.channels() != 3 || value.width <= 0 || value.height <= 0) {
    return std::nullopt;
  }
  // Strongly coloured ink only: print on a yellowed or tinted scan has a little colour, which
  // PenInk's cut (made to keep a pen's dark core out of the print) takes in.
  cv::Mat pen = ocr::Chroma(row) > kStrongPenChroma;
  cv::dilate(pen, pen, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
  // The value's box is its row and half a row above and below.
  const int row_height = value.height / 2;
  std::vector<cv::Rect> strokes;
  for (const cv::Rect& box : PieceBoxes(pen)) {
    const int centre_y = box.y + box.height / 2;
    // A digit's strokes, centred on the row; a stamp's frame or text line is far wider.
    if (centre_y < value.y + row_height / 2 ||
        centre_y >= value.y + value.height - row_height / 2 || box.width > 2 * row_height ||
        box.height < row_height / 3 || box.x >= value.x || box.x + box.width <= stop) {
      continue;
    }
    strokes.push_back(box);
  }
  // Digits written one after the other, leftwards from the value's box: each at most half a row
  // from the next.
  int start = value.x;
  for (bool grew = true; grew;) {
    grew = false;
    for (const cv::Rect& box : strokes) {
      if (box.x < start && box.x + box.width >= start - row_height / 2) {
        start = std::max(box.x, stop);
        grew = true;
      }
    }
    if (start <= stop) break;
  }
  if (start >= value.x) return std::nullopt;
  return start;
}

int CoreInkWidth(const cv::Mat& crop, int row_height) {
  if (crop.empty()) return 0;
  cv::Mat ink = AllInk(crop) / 255;
  const int top = std::clamp(ink.rows / 2 - row_height / 3, 0, ink.rows);
  const int bottom = std::clamp(ink.rows / 2 + row_height / 3, top, ink.rows);
  if (bottom <= top) return 0;
  cv::Mat columns;
  cv::reduce(ink.rowRange(top, bottom), columns, 0, cv::REDUCE_SUM, CV_32S);
  int first = -1, last = -1;
  for (int x = 0; x < columns.cols; ++x) {
    if (columns.at<int>(0, x) < 2) continue;
    if (first < 0) first = x;
    last = x;
  }
  return first < 0 ? 0 : last - first + 1;
}

}  // namespace sohoa::pipeline
