// The print's glyphs in a number row's crop (pipeline/print_glyphs.h).
#include "pipeline/print_glyphs.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>

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

}  // namespace

cv::Mat AllInk(const cv::Mat& row) {
  cv::Mat grey = row;
  if (row.channels() == 3) cv::cvtColor(row, grey, cv::COLOR_BGR2GRAY);
  cv::Mat ink;
  cv::threshold(grey, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  return ink;
}

cv::Mat PenInk(const cv::Mat& row) {
  cv::Mat brightest;
  const cv::Mat chroma = ocr::ChromaOffPaperTint(row, &brightest);
  cv::Mat saturated;
  cv::compare(chroma, brightest * kPenSaturation, saturated, cv::CMP_GE);
  cv::Mat pen = saturated & (chroma >= kPenChroma);
  cv::dilate(
      pen, pen,
      cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * kPenRimPx + 1, 2 * kPenRimPx + 1)));
  return pen;
}

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
        if (row_ink.left < 0) row_ink.left = x;
        if (row_ink.left_run_end == row_ink.right &&
            (row_ink.right < 0 || x == row_ink.right + 1)) {
          row_ink.left_run_end = x;
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

}  // namespace sohoa::pipeline
