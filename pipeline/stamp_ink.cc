#include "pipeline/stamp_ink.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <vector>

#include "ocr/ink_colour.h"
#include "pipeline/page_units.h"

namespace sohoa::pipeline {
namespace {

// Stamp ink in colour scans: red, violet and blue inks sit far from grey; black print on
// tinted paper, and print under a stamp (the mix stays dark), do not.
constexpr int kStampChroma = 60;
constexpr double kInkEdgeMm = 0.25;
constexpr int kPrintGrey = 110;
// A stamp frame turned up to 7 degrees; lines are found at whole-degree turns.
constexpr int kMaxFrameTurnDegrees = 8;
// Straight ink longer than any letter: a frame's long sides (a stamp is 35 mm or more wide)
// and rules, longer than the joined bars of 'TTTT'. Its short sides cross the band; the
// tallest letters ('Đ', 'Ấ') stay below 5 mm.
constexpr double kHorizontalLineMm = 16;
constexpr double kVerticalLineMm = 6;
// Ink on a removed line this many grey levels darker than the line's median is print under it.
constexpr int kPrintUnderLineDarker = 40;
// A stroke crossing a removed line is bridged over a gap this long.
constexpr double kStrokeBridgeMm = 1.5;
// A line's pixels this near print it touches stay, when kept (WithoutStraightLines): about a
// frame edge's width.
constexpr double kTouchingLineMm = 0.5;

// Ink of `ink` (255 on 0) lying on straight lines at least `horizontal` pixels long within
// kMaxFrameTurnDegrees of the horizontal, or `vertical` pixels long near the vertical.
cv::Mat StraightLines(const cv::Mat& ink, int horizontal, int vertical) {
  const double turn = kMaxFrameTurnDegrees * M_PI / 180;
  const int pad = static_cast<int>(std::ceil((ink.cols + ink.rows) * std::sin(turn) / 2)) + 2;
  cv::Mat padded;
  cv::copyMakeBorder(ink, padded, pad, pad, pad, pad, cv::BORDER_CONSTANT, cv::Scalar(0));
  const cv::Point2f centre(padded.cols / 2.0f, padded.rows / 2.0f);
  cv::Mat lines = cv::Mat::zeros(padded.size(), CV_8UC1);
  for (int degrees = -kMaxFrameTurnDegrees; degrees <= kMaxFrameTurnDegrees; ++degrees) {
    const cv::Mat turn_matrix = cv::getRotationMatrix2D(centre, degrees, 1.0);
    cv::Mat turned;
    cv::warpAffine(padded, turned, turn_matrix, padded.size(), cv::INTER_LINEAR);
    cv::threshold(turned, turned, 64, 255, cv::THRESH_BINARY);
    cv::Mat found = internal::OpenedAlongRuns(turned, horizontal, /*along_rows=*/true) |
                    internal::OpenedAlongRuns(turned, vertical, /*along_rows=*/false);
    if (cv::countNonZero(found) == 0) continue;
    cv::Mat back;
    cv::warpAffine(found, back, turn_matrix, padded.size(),
                   cv::INTER_LINEAR | cv::WARP_INVERSE_MAP);
    lines |= back > 0;
  }
  return lines(cv::Rect(pad, pad, ink.cols, ink.rows)).clone();
}

// The first index from `from` on (at most `end`) where `row` holds paper (`ink`) or ink (not
// `ink`), ink being any value but 0. Thresholded rows are 0 and 255: whole machine words of
// either are skipped at once.
int SkipWhile(const uchar* row, int from, int end, bool ink) {
  const uint64_t word_of_run = ink ? ~uint64_t{0} : 0;
  while (from + 8 <= end) {
    uint64_t word;
    std::memcpy(&word, row + from, sizeof word);
    if (word != word_of_run) break;
    from += 8;
  }
  while (from < end && (row[from] != 0) == ink) ++from;
  return from;
}

}  // namespace

namespace internal {

cv::Mat OpenedAlongRuns(const cv::Mat& ink, int length, bool along_rows) {
  cv::Mat rows;
  if (along_rows) {
    rows = ink;
  } else {
    cv::transpose(ink, rows);
  }
  cv::Mat opened = cv::Mat::zeros(rows.size(), CV_8UC1);
  const int width = rows.cols;
  // The window of x is [x - anchor, x - anchor + length - 1], erosion and dilation alike.
  // Erosion counts the pixels beyond the image as ink, dilation as paper.
  const int anchor = length / 2;
  const int after = length - 1 - anchor;
  for (int y = 0; y < rows.rows; ++y) {
    const uchar* in = rows.ptr<uchar>(y);
    uchar* out = opened.ptr<uchar>(y);
    for (int start = 0; start < width;) {
      // Paper, then ink, skipped eight pixels at a time while they are all one or the other.
      start = SkipWhile(in, start, width, /*ink=*/false);
      if (start == width) break;
      const int end = SkipWhile(in, start, width, /*ink=*/true) - 1;
      // Where the run survives erosion, then what dilation makes of that.
      const int eroded_first = start == 0 ? 0 : start + anchor;
      const int eroded_last = end == width - 1 ? width - 1 : end - after;
      if (eroded_first <= eroded_last) {
        const int first = std::max(0, eroded_first - after);
        const int last = std::min(width - 1, eroded_last + anchor);
        std::fill(out + first, out + last + 1, uchar{255});
      }
      start = end + 1;
    }
  }
  if (along_rows) return opened;
  cv::Mat columns;
  cv::transpose(opened, columns);
  return columns;
}

}  // namespace internal

void WhitenDarkColumns(cv::Mat* grey) {
  cv::Mat ink;
  cv::threshold(*grey, ink, 0, 1, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  cv::Mat column_ink;
  cv::reduce(ink, column_ink, 0, cv::REDUCE_SUM, CV_32S);
  for (int x = 0; x < grey->cols; ++x) {
    if (column_ink.at<int>(0, x) * 2 > grey->rows) grey->col(x).setTo(255);
  }
}

cv::Mat WithoutColouredInk(const cv::Mat& crop, double dpi) {
  cv::Mat grey;
  if (crop.channels() == 3) {
    cv::cvtColor(crop, grey, cv::COLOR_BGR2GRAY);
    const cv::Mat chroma = ocr::Chroma(crop);
    // A coloured stroke's blurred edge is greyer than its core: it goes with the core, unless
    // it is dark neutral print the stroke touches.
    cv::Mat coloured;
    cv::dilate(chroma > kStampChroma, coloured,
               cv::getStructuringElement(cv::MORPH_ELLIPSE,
                                         {MillimetresToPixels(kInkEdgeMm, dpi) * 2 + 1,
                                          MillimetresToPixels(kInkEdgeMm, dpi) * 2 + 1}));
    grey.setTo(255, coloured & ~((chroma < kStampChroma / 2) & (grey < kPrintGrey)));
  } else {
    grey = crop.clone();
  }
  return grey;
}

cv::Mat WithoutStraightLines(const cv::Mat& input, double dpi, bool keep_touching) {
  cv::Mat grey = input.clone();
  cv::Mat ink;
  cv::threshold(grey, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  cv::Mat lines = StraightLines(ink, MillimetresToPixels(kHorizontalLineMm, dpi),
                                MillimetresToPixels(kVerticalLineMm, dpi));
  // A line's anti-aliased edge goes with it; a bilevel scan's line has none, and widening it
  // would take more of the print it touches.
  const bool bilevel = cv::countNonZero((grey > 64) & (grey < 192)) * 100 < grey.rows * grey.cols;
  if (!bilevel) cv::dilate(lines, lines, cv::getStructuringElement(cv::MORPH_RECT, {3, 3}));
  // Letters the line crosses keep their strokes: ink the remaining ink bridges across it.
  const cv::Mat kept = ink & ~lines;
  const int bridge = MillimetresToPixels(kStrokeBridgeMm, dpi);
  cv::Mat down_bridged, across_bridged;
  cv::morphologyEx(kept, down_bridged, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_RECT, {1, bridge}));
  cv::morphologyEx(kept, across_bridged, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_RECT, {bridge, 1}));
  cv::Mat whitened = lines & ~(down_bridged | across_bridged);
  if (keep_touching) {
    const int reach = MillimetresToPixels(kTouchingLineMm, dpi);
    cv::Mat touching;
    cv::dilate(kept, touching, cv::getStructuringElement(cv::MORPH_RECT, {1, 2 * reach + 1}));
    whitened &= ~touching;
  }
  if (!bilevel) {
    // A stamp's frame scanned grey is paler than the print it crosses ('TT' whose bars lie
    // along its edge): where the line's ink is much darker than the line itself, print lies
    // under it and stays.
    std::vector<uchar> levels;
    for (int y = 0; y < grey.rows; ++y) {
      const uchar* level = grey.ptr<uchar>(y);
      const uchar* on_line = lines.ptr<uchar>(y);
      const uchar* inked = ink.ptr<uchar>(y);
      for (int x = 0; x < grey.cols; ++x) {
        if (on_line[x] && inked[x]) levels.push_back(level[x]);
      }
    }
    if (!levels.empty()) {
      std::nth_element(levels.begin(), levels.begin() + levels.size() / 2, levels.end());
      const int line_level = levels[levels.size() / 2];
      whitened &= ~(grey < line_level - kPrintUnderLineDarker);
    }
  }
  grey.setTo(255, whitened);
  return grey;
}

cv::Mat DarkestInk(const cv::Mat& grey) {
  const bool bilevel = cv::countNonZero((grey > 64) & (grey < 192)) * 100 < grey.rows * grey.cols;
  if (bilevel) return {};
  const std::optional<ocr::InkLevels> levels = ocr::InkLevelsOf(grey);
  if (!levels) return {};
  const double threshold = levels->core + (levels->otsu_cut - levels->core) * ocr::kDarkestInkShare;
  cv::Mat darkest = grey.clone();
  darkest.setTo(255, grey >= threshold);
  return darkest;
}

cv::Mat WithoutStampInk(const cv::Mat& crop, double dpi) {
  return WithoutStraightLines(WithoutColouredInk(crop, dpi), dpi);
}

}  // namespace sohoa::pipeline
