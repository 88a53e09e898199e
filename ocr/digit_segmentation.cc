// Cutting a field crop's pen ink into digit glyphs (ocr/digit_segmentation.h).
#include "ocr/digit_segmentation.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "ocr/ink_colour.h"

namespace sohoa::ocr {
namespace {

// Same cut as FieldRenderings: coloured ink has chroma (max - min of B, G, R) above this.
constexpr int kInkChroma = 60;

// Splits a piece too wide for one digit at the thinnest columns near the expected cuts.
std::vector<DigitPiece> SplitWide(const cv::Mat& labels, const DigitPiece& piece) {
  const int height = piece.box.height;
  if (piece.box.width <= 1.15 * height) return {piece};
  const int parts = std::max(2, static_cast<int>(std::lround(piece.box.width / (0.8 * height))));
  cv::Mat mask = DigitPieceMask(labels, piece);
  cv::Mat column_ink;
  cv::reduce(mask / 255, column_ink, 0, cv::REDUCE_SUM, CV_32S);
  std::vector<int> cuts = {0};
  const double step = static_cast<double>(piece.box.width) / parts;
  for (int k = 1; k < parts; ++k) {
    const int centre = static_cast<int>(std::lround(k * step));
    const int reach = static_cast<int>(0.3 * step);
    int best = centre;
    double best_cost = 1e9;
    for (int x = std::max(cuts.back() + 1, centre - reach);
         x <= std::min(piece.box.width - 2, centre + reach); ++x) {
      // Thin columns win; distance from the expected cut breaks near-ties.
      const double cost = column_ink.at<int>(0, x) + 0.05 * std::abs(x - centre);
      if (cost < best_cost) {
        best_cost = cost;
        best = x;
      }
    }
    cuts.push_back(best);
  }
  cuts.push_back(piece.box.width);
  std::vector<DigitPiece> out;
  for (size_t k = 0; k + 1 < cuts.size(); ++k) {
    DigitPiece part = piece;
    part.box.x = piece.box.x + cuts[k];
    part.box.width = cuts[k + 1] - cuts[k];
    if (part.box.width > 0) out.push_back(part);
  }
  return out;
}

}  // namespace

cv::Mat DigitPieceMask(const cv::Mat& labels, const DigitPiece& piece) {
  cv::Mat mask = cv::Mat::zeros(piece.box.size(), CV_8UC1);
  for (int y = 0; y < piece.box.height; ++y) {
    const int* row = labels.ptr<int>(piece.box.y + y);
    unsigned char* out = mask.ptr<unsigned char>(y);
    for (int x = 0; x < piece.box.width; ++x) {
      const int label = row[piece.box.x + x];
      if (label &&
          std::find(piece.labels.begin(), piece.labels.end(), label) != piece.labels.end()) {
        out[x] = 255;
      }
    }
  }
  return mask;
}

std::vector<std::pair<DigitPiece, DigitPiece>> SplitsInTwo(const cv::Mat& labels,
                                                           const DigitPiece& piece) {
  cv::Mat mask = DigitPieceMask(labels, piece);
  cv::Mat column_ink;
  cv::reduce(mask / 255, column_ink, 0, cv::REDUCE_SUM, CV_32S);
  const int width = piece.box.width;
  std::vector<std::pair<DigitPiece, DigitPiece>> splits;
  for (const auto& [from, to] : {std::pair{3, 7}, std::pair{2, 4}, std::pair{6, 8}}) {
    int cut = width * (from + to) / 20;
    for (int x = width * from / 10; x <= width * to / 10; ++x) {
      if (column_ink.at<int>(0, x) < column_ink.at<int>(0, cut)) cut = x;
    }
    if (cut <= 0 || cut >= width) continue;
    DigitPiece left = piece, right = piece;
    left.box.width = cut;
    right.box.x = piece.box.x + cut;
    right.box.width = width - cut;
    splits.emplace_back(left, right);
  }
  return splits;
}

cv::Mat FieldInkMask(const cv::Mat& crop) {
  cv::Mat ink;
  cv::Mat grey;
  if (crop.channels() == 3) {
    cv::Mat coloured = Chroma(crop) > kInkChroma;
    if (cv::countNonZero(coloured) >= 20) ink = coloured;
    cv::cvtColor(crop, grey, cv::COLOR_BGR2GRAY);
  } else {
    grey = crop;
  }
  if (ink.empty()) {
    double darkest = 0, lightest = 0;
    cv::minMaxLoc(grey, &darkest, &lightest);
    // A blank crop has no dark ink for Otsu to find; it would cut the paper's noise.
    if (lightest - darkest < 60) return cv::Mat::zeros(crop.size(), CV_8UC1);
    cv::threshold(grey, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  }
  // Strokes of the lines above and below reach in at the top or bottom edge and lie mostly
  // outside the middle half of the crop.
  cv::Mat labels, stats, centroids;
  const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  std::vector<char> foreign(count, 0);
  for (int i = 1; i < count; ++i) {
    const int top = stats.at<int>(i, cv::CC_STAT_TOP);
    const int bottom = top + stats.at<int>(i, cv::CC_STAT_HEIGHT);
    const double centre_y = centroids.at<double>(i, 1);
    const bool touches = top == 0 || bottom == ink.rows;
    foreign[i] = touches && (centre_y < ink.rows * 0.25 || centre_y > ink.rows * 0.75);
  }
  for (int y = 0; y < ink.rows; ++y) {
    const int* row = labels.ptr<int>(y);
    unsigned char* out = ink.ptr<unsigned char>(y);
    for (int x = 0; x < ink.cols; ++x) {
      if (foreign[row[x]]) out[x] = 0;
    }
  }
  return ink;
}

std::vector<DigitPiece> SegmentDigitPieces(const cv::Mat& labels, const cv::Mat& stats,
                                           double dpi) {
  const int count = stats.rows;
  const double scale = std::max(0.25, dpi / 300.0);
  std::vector<DigitPiece> pieces;
  for (int i = 1; i < count; ++i) {
    if (stats.at<int>(i, cv::CC_STAT_AREA) < 12 * scale * scale) continue;
    pieces.push_back(
        {{i},
         cv::Rect(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                  stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT))});
  }
  std::sort(pieces.begin(), pieces.end(),
            [](const DigitPiece& a, const DigitPiece& b) { return a.box.x < b.box.x; });
  // Pieces stacked over each other (a '5' whose bar came loose, a broken '4') are one glyph.
  std::vector<DigitPiece> merged;
  for (const DigitPiece& piece : pieces) {
    if (!merged.empty()) {
      DigitPiece& last = merged.back();
      const int overlap = std::min(last.box.x + last.box.width, piece.box.x + piece.box.width) -
                          std::max(last.box.x, piece.box.x);
      if (overlap > 0.5 * std::min(last.box.width, piece.box.width)) {
        last.labels.insert(last.labels.end(), piece.labels.begin(), piece.labels.end());
        last.box |= piece.box;
        continue;
      }
    }
    merged.push_back(piece);
  }
  int tallest = 0;
  for (const DigitPiece& piece : merged) tallest = std::max(tallest, piece.box.height);
  std::vector<DigitPiece> glyphs;
  for (const DigitPiece& piece : merged) {
    // Dots, dashes and specks are far shorter than the digits beside them.
    if (piece.box.height < 0.4 * tallest) continue;
    for (const DigitPiece& part : SplitWide(labels, piece)) glyphs.push_back(part);
  }
  return glyphs;
}

int ThinnestRowNear(const cv::Mat& mask, const cv::Rect& box, int from, int to, int toward) {
  from = std::max(from, box.y), to = std::min(to, box.y + box.height);
  std::vector<int> counts;
  for (int y = from; y < to; ++y) counts.push_back(cv::countNonZero(mask.row(y - box.y)));
  if (counts.empty()) return toward;
  const int thinnest = *std::min_element(counts.begin(), counts.end());
  int best = -1;
  for (int y = from; y < to; ++y) {
    if (counts[y - from] * 2 > thinnest * 3 + 2) continue;
    if (best < 0 || std::abs(y - toward) < std::abs(best - toward)) best = y;
  }
  return best;
}

std::vector<cv::Rect> SegmentDigits(const cv::Mat& ink, double dpi) {
  cv::Mat labels, stats, centroids;
  cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  std::vector<cv::Rect> boxes;
  for (const DigitPiece& piece : SegmentDigitPieces(labels, stats, dpi)) boxes.push_back(piece.box);
  return boxes;
}

}  // namespace sohoa::ocr
