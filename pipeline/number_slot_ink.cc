#include "pipeline/number_slot_ink.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "ocr/ink_colour.h"
#include "ocr/rule_lines.h"

namespace sohoa::pipeline {
namespace {

// Ink pixels whose chroma (max - min of B, G, R, less the paper's tint: ocr/ink_colour.h) is
// at least kPenSaturation of their brightest channel, and kPenChroma or more, are coloured pen
// or stamp ink: the dark core of a blue stroke ((60, 30, 20)) is saturated though its chroma is
// small, black print on yellowed paper is not, though the scanner gives its core the paper's
// cast.
constexpr double kPenSaturation = 0.35;
constexpr int kPenChroma = 20;
// Above this chroma, ink is surely coloured (as in ocr/field_reader.cc's ink layer).
constexpr int kStrongPenChroma = 60;
// The widest a letter is for its height (an 'M', a 'W' of a serif face): no label's 'S' is
// wider.
constexpr int kMaxLetterAspect = 2;
// An 'S' alone is about 0.65 of its height wide; 'Sô' printed joined, about 1.2.
constexpr double kJoinedLabelWidth = 1.0;

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
  // of the run of ink that ends there, and the last column of ink before that run; -1 where
  // there is none.
  struct RowInk {
    int right = -1, right_run = -1, before_run = -1;
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
cv::Mat AllInk(const cv::Mat& row) {
  cv::Mat grey = row;
  if (row.channels() == 3) cv::cvtColor(row, grey, cv::COLOR_BGR2GRAY);
  cv::Mat ink;
  cv::threshold(grey, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  return ink;
}

// Coloured pen or stamp ink of a BGR `row` (255 on 0), widened over the stroke's antialiased
// rim, which is neither pen nor print where it meets the print.
cv::Mat PenInk(const cv::Mat& row) {
  cv::Mat brightest;
  const cv::Mat chroma = ocr::ChromaOffPaperTint(row, &brightest);
  cv::Mat saturated;
  cv::compare(chroma, brightest * kPenSaturation, saturated, cv::CMP_GE);
  cv::Mat pen = saturated & (chroma >= kPenChroma);
  cv::dilate(pen, pen, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(5, 5)));
  return pen;
}

// The boxes of the 8-connected pieces of `ink` (255 on 0).
std::vector<cv::Rect> PieceBoxes(const cv::Mat& ink) {
  cv::Mat labels, stats, centroids;
  const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  std::vector<cv::Rect> boxes;
  for (int label = 1; label < count; ++label) {
    boxes.emplace_back(
        stats.at<int>(label, cv::CC_STAT_LEFT), stats.at<int>(label, cv::CC_STAT_TOP),
        stats.at<int>(label, cv::CC_STAT_WIDTH), stats.at<int>(label, cv::CC_STAT_HEIGHT));
  }
  return boxes;
}

// The print's ink in `row` (255 on 0).
cv::Mat PrintInk(const cv::Mat& row) {
  if (row.channels() != 3) return AllInk(row);
  // In colour the pen's ink is left out: a digit touching the slash or written over the
  // colon leaves the print's shapes whole.
  const cv::Mat pen = PenInk(row);
  // The cut between print and paper is taken without the pen's pixels: a pen darker than the
  // print pulls Otsu's cut below the print's grey, and the print falls into pieces.
  cv::Mat grey;
  cv::cvtColor(row, grey, cv::COLOR_BGR2GRAY);
  std::vector<uchar> unpenned;
  for (int y = 0; y < grey.rows; ++y) {
    const uchar* value = grey.ptr<uchar>(y);
    const uchar* is_pen = pen.ptr<uchar>(y);
    for (int x = 0; x < grey.cols; ++x) {
      if (!is_pen[x]) unpenned.push_back(value[x]);
    }
  }
  if (unpenned.size() < 16) return cv::Mat::zeros(row.size(), CV_8UC1);
  const cv::Mat values(1, static_cast<int>(unpenned.size()), CV_8UC1, unpenned.data());
  cv::Mat unused, ink;
  const double cut = cv::threshold(values, unused, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  cv::threshold(grey, ink, cut, 255, cv::THRESH_BINARY_INV);
  ink.setTo(0, pen);
  return ink;
}

// The glyphs of the print's ink in `row` centred in columns [from, to) and rows [top, bottom)
// (the box of the word they were read in). Ruled lines are left out: a stamp frame's edge
// drawn through the symbol joins the slash to its capitals, its side touching the last one
// makes a tall leaning stroke of it. A level rule is twice as long as `row` is tall (the row
// and half a row above and below), far longer than any run of print along a baseline; an
// upright one is taller than the word.
std::vector<Glyph> InkGlyphs(const cv::Mat& row, int from, int to, int top, int bottom) {
  const cv::Mat print = PrintInk(row);
  const cv::Mat level = ocr::WithoutRules(print, 2 * row.rows);
  const cv::Mat ink = ocr::WithoutRules(level.t(), (bottom - top) * 6 / 5).t();
  cv::Mat labels, stats, centroids;
  const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  cv::Mat near_rule;
  cv::dilate(print & ~ink, near_rule, cv::Mat::ones(3, 3, CV_8UC1));
  std::vector<char> touches_rule(count, 0);
  for (int y = 0; y < ink.rows; ++y) {
    const int* ids = labels.ptr<int>(y);
    const uchar* is_near = near_rule.ptr<uchar>(y);
    for (int x = 0; x < ink.cols; ++x) {
      if (is_near[x]) touches_rule[ids[x]] = 1;
    }
  }
  std::vector<Glyph> glyphs;
  for (int label = 1; label < count; ++label) {
    Glyph glyph;
    glyph.box =
        cv::Rect(stats.at<int>(label, cv::CC_STAT_LEFT), stats.at<int>(label, cv::CC_STAT_TOP),
                 stats.at<int>(label, cv::CC_STAT_WIDTH), stats.at<int>(label, cv::CC_STAT_HEIGHT));
    glyph.area = stats.at<int>(label, cv::CC_STAT_AREA);
    glyph.touches_rule = touches_rule[label];
    const int centre_y = glyph.box.y + glyph.box.height / 2;
    if (glyph.centre_x() < from || glyph.centre_x() >= to || centre_y < top || centre_y >= bottom) {
      continue;
    }
    const int quarter = std::max(1, glyph.box.height / 4);
    // The lean of the glyph's columns [begin_x, end_x); none where its top or bottom quarter
    // has no ink there (the left end of a 'T', of two T's joined by their bars).
    auto lean = [&](int begin_x, int end_x) {
      auto mean_x = [&](int first_row, int end_row) -> std::optional<double> {
        double sum = 0;
        int pixels = 0;
        for (int y = first_row; y < end_row; ++y) {
          const int* ids = labels.ptr<int>(y);
          for (int x = begin_x; x < end_x; ++x) {
            if (ids[x] == label) sum += x, ++pixels;
          }
        }
        if (pixels == 0) return std::nullopt;
        return sum / pixels;
      };
      const std::optional<double> top = mean_x(glyph.box.y, glyph.box.y + quarter);
      const std::optional<double> bottom = mean_x(glyph.bottom() - quarter, glyph.bottom());
      if (!top || !bottom) return 0.0;
      return (*top - *bottom) / std::max(1, end_x - begin_x);
    };
    glyph.rows.resize(glyph.box.height);
    for (int y = glyph.box.y; y < glyph.bottom(); ++y) {
      const int* ids = labels.ptr<int>(y);
      Glyph::RowInk& row_ink = glyph.rows[y - glyph.box.y];
      for (int x = glyph.box.x; x < glyph.right(); ++x) {
        if (ids[x] != label) continue;
        if (row_ink.right < 0 || row_ink.right < x - 1) {
          row_ink.before_run = row_ink.right;
          row_ink.right_run = x;
        }
        row_ink.right = x;
      }
    }
    const int slash_width = glyph.box.height * 45 / 100;
    glyph.lean = lean(glyph.box.x, glyph.right());
    glyph.left_lean = lean(glyph.box.x, std::min(glyph.right(), glyph.box.x + slash_width));
    glyphs.push_back(glyph);
  }
  return glyphs;
}

int Median(std::vector<int> values) {
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

// A slash's stroke fitted to a glyph's rightmost ink between the cap line and the baseline
// (`cap_top`, `baseline`, `cap` apart).
struct SlashFit {
  SlashStroke stroke;
  int foot = 0;  // the stroke's first column, at the baseline: the slash's leftmost point
  // Of the rows fitted, how many have ink of the glyph left of the stroke, apart from it, and
  // the last column of that ink.
  int rows = 0, rows_with_ink_beside = 0, ink_beside_right = -1;
};

// The glyph's rightmost ink as a slash: in each row between the cap line and the baseline one
// thin stroke, moving steadily left as it goes down. nullopt when it is not so.
std::optional<SlashFit> FitSlash(const Glyph& glyph, int cap_top, int baseline, double cap) {
  const int first = std::max(glyph.box.y, cap_top + static_cast<int>(0.1 * cap));
  // The slash's foot is left out: a digit's base stroke can run into it.
  const int last = std::min(glyph.bottom(), baseline - static_cast<int>(0.2 * cap));
  if (last - first < 0.5 * cap) return std::nullopt;
  double sum_y = 0, sum_x = 0, sum_yy = 0, sum_xy = 0;
  SlashFit fit;
  std::vector<int> widths;
  for (int y = first; y < last; ++y) {
    const Glyph::RowInk& ink = glyph.rows[y - glyph.box.y];
    if (ink.right < 0) continue;
    sum_y += y, sum_x += ink.right, sum_yy += double(y) * y, sum_xy += double(y) * ink.right;
    ++fit.rows;
    widths.push_back(ink.right - ink.right_run + 1);
    if (ink.before_run >= 0) ++fit.rows_with_ink_beside;
    fit.ink_beside_right = std::max(fit.ink_beside_right, ink.before_run);
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
    const double residual = ink.right - (offset + slope * y);
    squared_residuals += residual * residual;
  }
  if (std::sqrt(squared_residuals / count) > std::max(1.5, 0.06 * cap)) return std::nullopt;
  const int width = Median(widths);
  if (width > 0.25 * cap) return std::nullopt;
  fit.foot = static_cast<int>(std::lround(offset + slope * baseline)) - width + 1;
  // The print's slash reaches a little below the baseline and above the cap line.
  auto axis = [&](double y) {
    return cv::Point(static_cast<int>(std::lround(offset + slope * y - (width - 1) / 2.0)),
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
  int label_end = o->right();
  for (const Glyph& mark : glyphs) {
    if (mark.bottom() <= o->box.y + 2 && mark.centre_x() >= o->box.x &&
        mark.centre_x() < o->right()) {
      label_end = std::max(label_end, mark.right());
    }
  }
  return LabelInk{s->box.x, colon_after(label_end).value_or(label_end)};
}

namespace {

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
  auto slash_glued_to_first_capital = [&]() -> std::optional<SlashInk> {
    if (!capital_with_slash) return std::nullopt;
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
    const bool slash = box.height >= 0.85 * cap && box.height <= 1.6 * cap &&
                       box.y <= cap_top + 0.15 * cap && glyph.bottom() >= baseline - 0.1 * cap &&
                       box.width <= 0.6 * box.height && glyph.area <= 0.5 * box.area() &&
                       glyph.lean >= 0.3;
    if (slash) {
      // A pen digit leaning right, apart from the slash, may reach over its foot's columns:
      // the slot's side at the slash's first column would cut the digit's top. Ink reaching on
      // past the slash (a stamp's pen line over the symbol) is no digit before it.
      auto reaches_over_foot = [&](const cv::Rect& other) {
        return other.x < box.x && other.br().x > box.x && other.br().x <= box.br().x &&
               other.y < baseline && other.br().y > cap_top && other.height >= 0.5 * cap;
      };
      int digit_right = -1;
      for (const Glyph& other : glyphs) {
        if (reaches_over_foot(other.box)) digit_right = std::max(digit_right, other.right() - 1);
      }
      // In colour the pen's ink is not among the print's glyphs.
      const std::vector<cv::Rect> pen_pieces =
          row.channels() == 3 ? PieceBoxes(PenInk(row)) : std::vector<cv::Rect>();
      for (const cv::Rect& pen : pen_pieces) {
        if (reaches_over_foot(pen)) digit_right = std::max(digit_right, pen.br().x - 1);
      }
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
