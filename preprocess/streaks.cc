// Scanner streaks and fold creases: straight dark lines running across the whole sheet. A
// 1-bit scan keeps a fold's shadow as a solid black band (the paper normalisation never sees
// its grey), and a dirty feeder glass draws a thin line down every page it feeds. Left in, a
// line down the page is a column rule to the recogniser, which then reads every text line as
// two halves, one column after the other; one across the page hides the text line it runs
// through. Taken for the scanner bed, such a line was whitened with the bed's margin, and a
// band of text with it.
#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "preprocess/steps.h"

namespace sohoa::preprocess::internal {
namespace {

double MmToPx(double mm, double dpi) { return mm / 25.4 * dpi; }

// Darker than this is ink on the cleaned page.
constexpr int kInkLevel = 128;
// A straight run of ink this long is no letter (the tallest, 'Ở' or 'Ỷ' at 14 pt, stay under
// 8 mm) and no word.
constexpr double kMinRunMm = 15;
// A streak or a fold crosses the sheet from edge to edge; a table's or a frame's rule stops
// with its table, inside the margins.
constexpr double kMinSpanShare = 0.8;
// A fold's band is one or two millimetres wide, a feeder streak thinner; the scanner bed
// beyond a sheet's edge is wider.
constexpr double kMaxThicknessMm = 4;
// A line's anti-aliased edge, lighter than the ink cut, reaches about this far beyond it
// (taken within the line's bounding box: a wider rim took more of the letters it crosses).
constexpr double kRimMm = 0.2;
// Print this close beside a removed line on both sides is a stroke the line crosses.
constexpr int kCrossingReach = 2;
// On the deskewed page a fold runs true to the sheet's axis.
constexpr double kMaxUprightSlope = 0.04;
// RemoveStreaks looks for lines at about this resolution.
constexpr double kFindDpi = 75;
// A fold or a feeder's streak runs through the sheet, further from its sides than this.
constexpr double kMinEdgeDistanceMm = 15;

// Adds to `mask` the lines of `ink` along one axis (`down`: columns) that cross the page.
// Returns how many.
int AddStreaksAlong(const cv::Mat& ink, double dpi, double max_slope, bool down, cv::Mat* mask) {
  const int run = std::max(3, static_cast<int>(std::lround(MmToPx(kMinRunMm, dpi))));
  const int length = down ? ink.rows : ink.cols;
  if (length < run) return 0;
  cv::Mat lines;
  cv::morphologyEx(
      ink, lines, cv::MORPH_OPEN,
      cv::getStructuringElement(cv::MORPH_RECT, down ? cv::Size(1, run) : cv::Size(run, 1)));
  // Less the parts thicker than a streak (the scanner bed a fold runs into): they would join
  // the line to the bed.
  const int widest = static_cast<int>(std::ceil(MmToPx(kMaxThicknessMm, dpi))) + 1;
  cv::Mat thick;
  cv::morphologyEx(
      lines, thick, cv::MORPH_OPEN,
      cv::getStructuringElement(cv::MORPH_RECT, down ? cv::Size(widest, 1) : cv::Size(1, widest)));
  lines.setTo(0, thick);
  cv::Mat labels, stats, centroids;
  const int count = cv::connectedComponentsWithStats(lines, labels, stats, centroids, 8, CV_32S);
  int found = 0;
  for (int label = 1; label < count; ++label) {
    const cv::Rect box(
        stats.at<int>(label, cv::CC_STAT_LEFT), stats.at<int>(label, cv::CC_STAT_TOP),
        stats.at<int>(label, cv::CC_STAT_WIDTH), stats.at<int>(label, cv::CC_STAT_HEIGHT));
    const int span = down ? box.height : box.width, across = down ? box.width : box.height;
    if (span < kMinSpanShare * length) continue;
    // A thin strip of the scanner bed beside the sheet's edge is the bed's to whiten.
    const int side = down ? box.x : box.y,
              far_side = down ? ink.cols - box.x - box.width : ink.rows - box.y - box.height;
    if (std::min(side, far_side) < MmToPx(kMinEdgeDistanceMm, dpi)) continue;
    const double thickness = stats.at<int>(label, cv::CC_STAT_AREA) / static_cast<double>(span);
    if (thickness > MmToPx(kMaxThicknessMm, dpi) || across > thickness + max_slope * span) {
      continue;
    }
    // With its anti-aliased rim, which a deskewing turn widens.
    const int rim = 2 * std::max(1, static_cast<int>(std::lround(MmToPx(kRimMm, dpi)))) + 1;
    cv::Mat line = labels(box) == label;
    cv::dilate(
        line, line,
        cv::getStructuringElement(cv::MORPH_RECT, down ? cv::Size(rim, 1) : cv::Size(1, rim)));
    (*mask)(box).setTo(255, line);
    ++found;
  }
  return found;
}

}  // namespace

cv::Mat StreakMask(const cv::Mat& ink, double dpi, double max_slope, int* count) {
  cv::Mat mask = cv::Mat::zeros(ink.size(), CV_8UC1);
  int found = 0;
  if (!ink.empty() && ink.type() == CV_8UC1 && dpi > 0) {
    found = AddStreaksAlong(ink, dpi, max_slope, true, &mask) +
            AddStreaksAlong(ink, dpi, max_slope, false, &mask);
  }
  if (count) *count = found;
  return mask;
}

int RemoveStreaks(cv::Mat& grey, double dpi) {
  if (grey.empty() || grey.type() != CV_8UC1 || !(dpi > 0)) return 0;
  // Found on a min-pooled copy near 75 dpi (a hairline streak survives min-pooling): the long
  // openings cost sixteen times less there.
  const int factor = std::max(1, static_cast<int>(std::lround(dpi / kFindDpi)));
  cv::Mat pooled;
  if (factor == 1) {
    pooled = grey;
  } else {
    cv::erode(grey, pooled, cv::getStructuringElement(cv::MORPH_RECT, {factor, factor}),
              cv::Point(0, 0));
    cv::resize(pooled, pooled,
               cv::Size((grey.cols + factor - 1) / factor, (grey.rows + factor - 1) / factor), 0, 0,
               cv::INTER_NEAREST);
  }
  const cv::Mat ink = pooled < kInkLevel;
  int count = 0;
  for (const bool down : {true, false}) {
    cv::Mat lines = cv::Mat::zeros(ink.size(), CV_8UC1);
    const int found = AddStreaksAlong(ink, dpi / factor, kMaxUprightSlope, down, &lines);
    if (found == 0) continue;
    count += found;
    cv::Mat full;
    cv::resize(lines, full, cv::Size(pooled.cols * factor, pooled.rows * factor), 0, 0,
               cv::INTER_NEAREST);
    full = full(cv::Rect(0, 0, grey.cols, grey.rows));
    // Along each row across a line down the page (each column across one across it), the
    // line's run is whitened unless print lies on both sides right beside it: a stroke the line
    // crosses ('Ô' of 'THÔNG' cut through), which keeps its ink across. A letter left only on
    // one side keeps what lies beside the line.
    cv::Mat page = down ? grey : grey.t();
    const cv::Mat mask = down ? full : cv::Mat(full.t());
    for (int y = 0; y < page.rows; ++y) {
      uchar* row = page.ptr<uchar>(y);
      const uchar* on_line = mask.ptr<uchar>(y);
      for (int x = 0; x < page.cols;) {
        if (!on_line[x]) {
          ++x;
          continue;
        }
        int end = x;
        while (end < page.cols && on_line[end]) ++end;
        auto inked = [&](int from, int to) {
          for (int i = std::max(from, 0); i < std::min(to, page.cols); ++i) {
            if (row[i] < kInkLevel) return true;
          }
          return false;
        };
        if (!inked(x - kCrossingReach, x) || !inked(end, end + kCrossingReach)) {
          std::fill(row + x, row + end, 255);
        }
        x = end;
      }
    }
    if (!down) cv::Mat(page.t()).copyTo(grey);
  }
  return count;
}

}  // namespace sohoa::preprocess::internal
