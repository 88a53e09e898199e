// The slash opening a number's symbol, found in the row's print (FindSlash,
// pipeline/number_slot_ink.h).
#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <vector>

#include "pipeline/number_slot_ink.h"
#include "pipeline/print_glyphs.h"

namespace sohoa::pipeline {
namespace {

// Print between two words leaves at least this many cap heights blank. The capitals of a
// symbol stand closer, most a tenth of a cap height apart, but blur at 150 dpi can leave as
// much between round ones ('CC'): only ink off the print's lines counts past such a gap.
constexpr double kWordGapCaps = 0.2;
// A printed capital's top and foot lie this near the cap line and the baseline, in cap heights.
constexpr double kOnPrintLineCaps = 0.12;

// A slash's stroke fitted to a glyph's rightmost or leftmost ink between the cap line and the
// baseline (`cap_top`, `baseline`, `cap` apart).
struct SlashFit {
  SlashStroke stroke;
  int foot = 0;  // the stroke's first column, at the baseline: the slash's leftmost point
  // Of the rows fitted, how many have ink of the glyph left of the stroke, apart from it, and
  // the last column of that ink (for a stroke fitted to the rightmost ink).
  int rows = 0, rows_with_ink_beside = 0, ink_beside_right = -1;
};

// Which of a glyph's runs of ink in a row a slash is fitted to: the one ending the row (a
// slash alone, or after a digit it touches) or the one starting it (a slash printed joined to
// the capital after it).
enum class SlashSide { kRightmost, kLeftmost };

// The glyph's rightmost (or leftmost) ink as a slash: in each row between the cap line and the
// baseline one thin stroke, moving steadily left as it goes down. nullopt when it is not so.
std::optional<SlashFit> FitSlash(const Glyph& glyph, int cap_top, int baseline, double cap,
                                 SlashSide side = SlashSide::kRightmost) {
  const bool rightmost = side == SlashSide::kRightmost;
  const int first = std::max(glyph.box.y, cap_top + static_cast<int>(0.1 * cap));
  // The slash's foot is left out: a digit's base stroke can run into it.
  const int last = std::min(glyph.bottom(), baseline - static_cast<int>(0.2 * cap));
  if (last - first < 0.5 * cap) return std::nullopt;
  // The stroke's outer side in a row (its right side for the rightmost run), and its width.
  auto edge = [&](const Glyph::RowInk& ink) { return rightmost ? ink.right : ink.left; };
  auto run_width = [&](const Glyph::RowInk& ink) {
    return rightmost ? ink.right - ink.right_run + 1 : ink.left_run_end - ink.left + 1;
  };
  double sum_y = 0, sum_x = 0, sum_yy = 0, sum_xy = 0;
  SlashFit fit;
  std::vector<int> widths;
  for (int y = first; y < last; ++y) {
    const Glyph::RowInk& ink = glyph.rows[y - glyph.box.y];
    if (ink.right < 0) continue;
    const int x = edge(ink);
    sum_y += y, sum_x += x, sum_yy += double(y) * y, sum_xy += double(y) * x;
    ++fit.rows;
    widths.push_back(run_width(ink));
    if (rightmost && ink.before_run >= 0) ++fit.rows_with_ink_beside;
    if (rightmost) fit.ink_beside_right = std::max(fit.ink_beside_right, ink.before_run);
  }
  const int count = fit.rows;
  // A stroke broken off in the band's rows is no slash through it.
  if (count < 0.9 * (last - first)) return std::nullopt;
  const double denominator = count * sum_yy - sum_y * sum_y;
  if (denominator <= 0) return std::nullopt;
  // x = offset + slope * y; a slash moves left going down, a printed one 0.2 to 0.5 of a
  // row's height for each row.
  const double slope = (count * sum_xy - sum_y * sum_x) / denominator;
  const double offset = (sum_x - slope * sum_y) / count;
  if (slope > -0.15 || slope < -0.8) return std::nullopt;
  double squared_residuals = 0;
  for (int y = first; y < last; ++y) {
    const Glyph::RowInk& ink = glyph.rows[y - glyph.box.y];
    if (ink.right < 0) continue;
    const double residual = edge(ink) - (offset + slope * y);
    squared_residuals += residual * residual;
  }
  if (std::sqrt(squared_residuals / count) > std::max(1.5, 0.06 * cap)) return std::nullopt;
  const int width = Median(widths);
  if (width > 0.25 * cap) return std::nullopt;
  const double inward = rightmost ? -(width - 1) / 2.0 : (width - 1) / 2.0;
  fit.foot = static_cast<int>(std::lround(offset + slope * baseline)) - (rightmost ? width - 1 : 0);
  // The print's slash reaches a little below the baseline and above the cap line.
  auto axis = [&](double y) {
    return cv::Point(static_cast<int>(std::lround(offset + slope * y + inward)),
                     static_cast<int>(std::lround(y)));
  };
  fit.stroke = {
      .foot = axis(baseline + 0.15 * cap), .top = axis(cap_top - 0.15 * cap), .width = width};
  return fit;
}

// The slot's end when a pen digit's ink, ending at column `digit_right`, reaches over the
// columns of the slash `fit` describes: a stroke's width past the digit, so that its ink does
// not touch the slot's side (which would make a '1' a sliver cut by it, ocr/field_reader.cc),
// and the slash's stroke, part of which the slot then takes in, to be whitened.
SlashInk PastTheDigit(const SlashFit& fit, int digit_right) {
  return SlashInk{.start = std::max(fit.foot, digit_right + 1 + fit.stroke.width),
                  .touched = fit.stroke};
}

// The slash ending `glyph`, when the glyph is a pen numeral's last digit written touching the
// slash after it ('3/' of '323/QĐ-UBND'), in a scan where the pen's ink is not told from the
// print's by its colour: its rightmost ink is a slash's stroke (FitSlash), and the digit's ink
// lies left of it, apart, in many of those rows. A lone '7' or '1' leaning like a slash has no
// ink beside its stroke; a 'V' or 'W' has, and is a capital the walk passed before. nullopt
// when the glyph is not so.
std::optional<SlashInk> SlashEndingGlyph(const Glyph& glyph, int cap_top, int baseline,
                                         double cap) {
  const std::optional<SlashFit> fit = FitSlash(glyph, cap_top, baseline, cap);
  if (!fit || fit->rows_with_ink_beside * 10 < fit->rows * 3) return std::nullopt;
  // The digit's ink lies left of the slash's foot ('1/' is narrow).
  if (fit->foot <= glyph.box.x) return std::nullopt;
  return PastTheDigit(*fit, fit->ink_beside_right);
}

std::optional<SlashInk> WalkToSlash(const cv::Mat& row, const cv::Rect& symbol_word, int from) {
  const int to = symbol_word.x + symbol_word.width;
  if (row.empty() || to <= from || symbol_word.height <= 0) return std::nullopt;
  std::vector<Glyph> glyphs =
      InkGlyphs(row, from, to, symbol_word.y, symbol_word.y + symbol_word.height);
  std::sort(glyphs.begin(), glyphs.end(),
            [](const Glyph& a, const Glyph& b) { return a.right() > b.right(); });
  // The symbol ends in capitals: the last glyphs of a third of the word's height or more give
  // the cap line and the baseline.
  std::vector<int> tops, bottoms, heights;
  for (const Glyph& glyph : glyphs) {
    if (glyph.box.height * 3 < symbol_word.height) continue;
    tops.push_back(glyph.box.y);
    bottoms.push_back(glyph.bottom());
    heights.push_back(glyph.box.height);
    if (heights.size() == 3) break;
  }
  if (heights.empty()) return std::nullopt;
  const double cap = Median(heights);
  const int cap_top = Median(tops), baseline = Median(bottoms);
  // A slash touching the symbol's first capital is one glyph with it, wider than a capital and
  // leaning at its left: its start is the slash's ('/U' of '/UBND'), when no slash of its own
  // comes before. With a narrow capital ('/S') the glyph is only 1.1 caps wide. A serif 'A'
  // is about as wide and leans so at its left too, but a slash of its own, met after it, ends
  // the walk first. The last such glyph the walk passes counts: pen digits as tall as the print,
  // walked past as capitals after it, do not hide it.
  const Glyph* capital_with_slash = nullptr;
  // The left of the last glyph walked past. The symbol is one printed word: after such a
  // glyph, a gap between words and then ink off the print's cap line or baseline (a pen
  // numeral's digits, which may lean so at their left, '7' of '678', or stand as narrow as a
  // slash) end the walk there.
  int walked_left = to;
  auto on_print_lines = [&](const Glyph& glyph) {
    return std::abs(glyph.box.y - cap_top) <= kOnPrintLineCaps * cap &&
           std::abs(glyph.bottom() - baseline) <= kOnPrintLineCaps * cap;
  };
  // A pen digit leaning right, apart from the slash starting at `box`, may reach over its
  // foot's columns: the slot's side at the slash's first column would cut the digit's top.
  // Ink reaching on past the slash (a stamp's pen line over the symbol) is no digit before it.
  // The last column of such a digit's ink, or -1.
  auto digit_over_foot = [&](const cv::Rect& box) {
    auto reaches_over_foot = [&](const cv::Rect& other) {
      return other.x < box.x && other.br().x > box.x && other.br().x <= box.br().x &&
             other.y < baseline && other.br().y > cap_top && other.height >= 0.5 * cap;
    };
    int digit_right = -1;
    for (const Glyph& other : glyphs) {
      if (reaches_over_foot(other.box)) digit_right = std::max(digit_right, other.right() - 1);
    }
    // In colour the pen's ink is not among the print's glyphs; its pieces are widened over
    // the rim, which reaches over no slash.
    const std::vector<cv::Rect> pen_pieces =
        row.channels() == 3 ? PieceBoxes(PenInk(row)) : std::vector<cv::Rect>();
    for (cv::Rect pen : pen_pieces) {
      pen.width = std::max(1, pen.width - kPenRimPx);
      if (reaches_over_foot(pen)) digit_right = std::max(digit_right, pen.br().x - 1);
    }
    return digit_right;
  };
  auto slash_glued_to_first_capital = [&]() -> std::optional<SlashInk> {
    if (!capital_with_slash) return std::nullopt;
    // The slash is the joined glyph's leftmost stroke.
    const int digit_right = digit_over_foot(capital_with_slash->box);
    if (digit_right >= 0) {
      if (const std::optional<SlashFit> fit =
              FitSlash(*capital_with_slash, cap_top, baseline, cap, SlashSide::kLeftmost)) {
        return PastTheDigit(*fit, digit_right);
      }
    }
    return SlashInk{.start = capital_with_slash->box.x, .touched = std::nullopt};
  };
  for (const Glyph& glyph : glyphs) {
    const cv::Rect& box = glyph.box;
    if (glyph.area < std::max(4.0, cap * cap / 150)) continue;  // a speck
    // A dot, of noise or the period after the symbol, is narrower than a dash.
    if (box.height < 0.3 * cap && box.width < 0.25 * cap) continue;
    // Nor is ink wholly above the capitals or below them any of the symbol's print: a stamp's
    // dotted fill line, a frame's crumb, the underline of the row above's word.
    if (glyph.bottom() <= cap_top + 0.1 * cap || box.y >= baseline - 0.1 * cap) continue;
    // A stamp frame's side crossing the row is far taller than the print; tilted, it is a
    // thin stroke across a wide box (a pen digit glued to the slash fills more of it).
    if (box.height >= 2 * cap && (box.width <= 0.6 * cap || glyph.area * 10 <= box.area() * 3)) {
      continue;
    }
    if (capital_with_slash && walked_left - glyph.right() >= kWordGapCaps * cap &&
        !on_print_lines(glyph)) {
      return slash_glued_to_first_capital();
    }
    walked_left = std::min(walked_left, box.x);
    const bool slash = box.height >= 0.85 * cap && box.height <= 1.6 * cap &&
                       box.y <= cap_top + 0.15 * cap && glyph.bottom() >= baseline - 0.1 * cap &&
                       box.width <= 0.6 * box.height && glyph.area <= 0.5 * box.area() &&
                       glyph.lean >= 0.3;
    if (slash) {
      const int digit_right = digit_over_foot(box);
      if (digit_right >= 0) {
        if (const std::optional<SlashFit> fit = FitSlash(glyph, cap_top, baseline, cap)) {
          return PastTheDigit(*fit, digit_right);
        }
      }
      return SlashInk{.start = box.x, .touched = std::nullopt};
    }
    // A capital's tail ('Q') reaches below the baseline.
    const bool capital = std::abs(box.y - cap_top) <= 0.25 * cap &&
                         glyph.bottom() >= baseline - 0.25 * cap &&
                         glyph.bottom() <= baseline + 0.4 * cap;
    const int centre_y = box.y + box.height / 2;
    const bool dash = box.height <= 0.4 * cap && box.width >= box.height && centre_y > cap_top &&
                      centre_y < baseline;
    // A thin stroke of a 1-bit capital can crack, leaving a piece of it beside the rest.
    auto inside_capital = [&](const Glyph& other) {
      const int overlap = std::min(box.x + box.width, other.right()) - std::max(box.x, other.box.x);
      return &other != &glyph && other.box.height >= 0.6 * cap && 2 * overlap >= box.width;
    };
    if (capital && box.width >= 1.05 * cap && glyph.left_lean >= 0.3) {
      capital_with_slash = &glyph;
    }
    if (!capital && !dash && std::none_of(glyphs.begin(), glyphs.end(), inside_capital)) {
      if (capital_with_slash) return slash_glued_to_first_capital();
      // A slash glued to the digit before it: OCR read that digit with the symbol.
      return SlashEndingGlyph(glyph, cap_top, baseline, cap);
    }
  }
  return slash_glued_to_first_capital();
}

}  // namespace

std::optional<SlashInk> FindSlash(const cv::Mat& row, const cv::Rect& symbol_word, int from) {
  std::optional<SlashInk> slash = WalkToSlash(row, symbol_word, from);
  // A glyph centred in the searched columns but reaching far left of them is no slash: ink
  // joined into one piece by a stamp frame's edge drawn through the pen's numeral and the
  // symbol, whose left end would cut the slot down to the numeral's first digit.
  if (slash && slash->start < from) return std::nullopt;
  return slash;
}

}  // namespace sohoa::pipeline
