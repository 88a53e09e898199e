// Photometric cleaning: ink-preserving grey, paper normalisation, scanner-bed and punch-hole
// removal, speck removal and level stretching. Expensive analysis runs on ~75 dpi copies;
// only per-pixel passes touch the full-resolution page.
#include <algorithm>
#include <array>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "preprocess/steps.h"

namespace sohoa::preprocess::internal {
namespace {

constexpr double kAnalysisDpi = 75;

double MmToPx(double mm, double dpi) { return mm / 25.4 * dpi; }

int OddAtLeast3(double pixels) {
  const int n = std::max(3, static_cast<int>(std::lround(pixels)));
  return n | 1;
}

// Grey level below which `fraction` of the (optionally masked) pixels lie.
int Percentile(const cv::Mat& grey, double fraction, const cv::Mat& mask = cv::Mat()) {
  std::array<int64_t, 256> histogram{};
  int64_t total = 0;
  for (int y = 0; y < grey.rows; ++y) {
    const uint8_t* row = grey.ptr<uint8_t>(y);
    const uint8_t* mask_row = mask.empty() ? nullptr : mask.ptr<uint8_t>(y);
    for (int x = 0; x < grey.cols; ++x) {
      if (mask_row && mask_row[x]) continue;
      ++histogram[row[x]];
      ++total;
    }
  }
  int64_t seen = 0;
  for (int level = 0; level < 256; ++level) {
    seen += histogram[level];
    if (seen >= fraction * total) return level;
  }
  return 255;
}

}  // namespace

cv::Mat InkGrey(const cv::Mat& source) {
  if (source.type() == CV_8UC1) return source;
  cv::Mat grey(source.size(), CV_8UC1);
  // Luminance plus chroma: neutral print keeps its luminance, coloured ink is pushed
  // towards white. The dead zone keeps JPEG colour noise around black text from greying it.
  constexpr int kChromaDeadZone = 10;
  for (int y = 0; y < source.rows; ++y) {
    const uint8_t* in = source.ptr<uint8_t>(y);
    uint8_t* out = grey.ptr<uint8_t>(y);
    for (int x = 0; x < source.cols; ++x) {
      const int b = in[3 * x], g = in[3 * x + 1], r = in[3 * x + 2];
      const int luminance = (29 * b + 150 * g + 77 * r + 128) >> 8;
      const int high = b > g ? (b > r ? b : r) : (g > r ? g : r);
      const int low = b < g ? (b < r ? b : r) : (g < r ? g : r);
      const int excess = high - low - kChromaDeadZone;
      const int value = luminance + (excess > 0 ? (excess * 3) >> 1 : 0);
      out[x] = static_cast<uint8_t>(value < 255 ? value : 255);
    }
  }
  return grey;
}

cv::Mat Resample(const cv::Mat& grey, double scale, cv::Point2d* actual_scale) {
  const cv::Size size(std::max(1, static_cast<int>(std::lround(grey.cols * scale))),
                      std::max(1, static_cast<int>(std::lround(grey.rows * scale))));
  if (actual_scale) {
    *actual_scale = {static_cast<double>(size.width) / grey.cols,
                     static_cast<double>(size.height) / grey.rows};
  }
  if (size == grey.size()) return grey;
  cv::Mat out;
  cv::resize(grey, out, size, 0, 0, scale < 1 ? cv::INTER_AREA : cv::INTER_CUBIC);
  return out;
}

cv::Mat DownscaleByInteger(const cv::Mat& image, int factor) {
  // Given as a factor (not a size), the scale is exact and OpenCV takes its fast INTER_AREA
  // path even when the size is not a multiple of the factor.
  cv::Mat out;
  cv::resize(image, out, cv::Size(), 1.0 / factor, 1.0 / factor, cv::INTER_AREA);
  return out;
}

AnalysisCopy MakeAnalysisCopy(const cv::Mat& grey, double dpi) {
  // Integer factors take OpenCV's fast INTER_AREA path.
  const int factor = std::max(1, static_cast<int>(std::lround(dpi / kAnalysisDpi)));
  if (factor == 1) return {grey, dpi};
  return {DownscaleByInteger(grey, factor), dpi / factor};
}

cv::Mat FindEdgeDarkRegions(const AnalysisCopy& small, bool with_streaks) {
  const int paper = Percentile(small.image, 0.95);
  cv::Mat dark;
  cv::threshold(small.image, dark, paper / 2, 255, cv::THRESH_BINARY_INV);
  // A thin line from edge to edge through the page (a fold's band in a 1-bit scan, a feeder's
  // streak) is no scanner bed, even where it runs into the bed: whitened with the bed's margin
  // it would take a band of text with it. Here it may still lean by the scan's skew.
  constexpr double kSkewedSlope = 0.1;
  int streak_count = 0;
  const cv::Mat streaks = StreakMask(dark, small.dpi, kSkewedSlope, &streak_count);
  if (streak_count > 0) {
    // With the steps a leaning line makes, which the straight runs found miss.
    const int step = OddAtLeast3(MmToPx(1, small.dpi));
    cv::Mat apart;
    cv::dilate(streaks, apart, cv::getStructuringElement(cv::MORPH_RECT, {step, step}));
    dark.setTo(0, apart);
  }
  cv::Mat labels, stats, centroids;
  const int count = cv::connectedComponentsWithStats(dark, labels, stats, centroids, 8, CV_32S);
  const double edge_run = MmToPx(20, small.dpi);
  const double hole_min = MmToPx(3.5, small.dpi), hole_max = MmToPx(9, small.dpi);
  const double margin = MmToPx(30, small.dpi);
  const int cols = small.image.cols, rows = small.image.rows;
  std::vector<uint8_t> remove(count, 0);
  bool any = false;
  for (int i = 1; i < count; ++i) {
    const int left = stats.at<int>(i, cv::CC_STAT_LEFT), top = stats.at<int>(i, cv::CC_STAT_TOP);
    const int width = stats.at<int>(i, cv::CC_STAT_WIDTH);
    const int height = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    const int right = left + width, bottom = top + height;
    const bool touches_edge = left == 0 || top == 0 || right == cols || bottom == rows;
    if (touches_edge && std::max(width, height) >= edge_run) {
      remove[i] = any = true;
      continue;
    }
    // Punch holes: filled discs a few millimetres across in a margin.
    const double fill = stats.at<int>(i, cv::CC_STAT_AREA) / static_cast<double>(width * height);
    const bool disc_sized = width >= hole_min && width <= hole_max && height >= hole_min &&
                            height <= hole_max && std::abs(width - height) <= 0.25 * width;
    const bool in_margin =
        left < margin || top < margin || cols - right < margin || rows - bottom < margin;
    if (disc_sized && fill > 0.6 && in_margin) remove[i] = any = true;
  }
  const bool add_streaks = with_streaks && streak_count > 0;
  if (!any && !add_streaks) return cv::Mat();
  cv::Mat mask(small.image.size(), CV_8UC1);
  for (int y = 0; y < labels.rows; ++y) {
    const int* row = labels.ptr<int>(y);
    uint8_t* out = mask.ptr<uint8_t>(y);
    for (int x = 0; x < labels.cols; ++x) out[x] = remove[row[x]] ? 255 : 0;
  }
  if (add_streaks) mask |= streaks;
  // The sheet's edge shadow and the hole's rim are lighter than the threshold (and a line's
  // rim than the line).
  const int grow = OddAtLeast3(MmToPx(2, small.dpi));
  cv::dilate(mask, mask, cv::getStructuringElement(cv::MORPH_ELLIPSE, {grow, grow}));
  return mask;
}

cv::Mat NormaliseBackground(const cv::Mat& grey, const AnalysisCopy& small,
                            const cv::Mat& small_mask) {
  cv::Mat paper_sample = small.image;
  if (!small_mask.empty()) {
    paper_sample = small.image.clone();
    paper_sample.setTo(Percentile(small.image, 0.95, small_mask), small_mask);
  }
  // Closings along rows and along columns each erase print (a long enough window always
  // meets a word gap or a line gap), and their minimum keeps only what is long in one
  // direction and thin: fold shadows, rules, the scanner bed. Those join the paper estimate
  // and divide away with it.
  const int reach = OddAtLeast3(MmToPx(25, small.dpi));
  cv::Mat along_rows, along_columns, background;
  cv::morphologyEx(paper_sample, along_rows, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_RECT, {reach, 1}));
  cv::morphologyEx(paper_sample, along_columns, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_RECT, {1, reach}));
  cv::min(along_rows, along_columns, background);
  cv::blur(background, background, {3, 3});
  if (background.size() != grey.size()) {
    cv::resize(background, background, grey.size(), 0, 0, cv::INTER_LINEAR);
  }
  cv::max(background, 1, background);
  cv::Mat normalised;
  cv::divide(grey, background, normalised, 255.0);
  if (!small_mask.empty()) {
    cv::Mat mask;
    cv::resize(small_mask, mask, grey.size(), 0, 0, cv::INTER_NEAREST);
    normalised.setTo(255, mask);
  }
  return normalised;
}

int RemoveIsolatedSpecks(cv::Mat& grey, double dpi) {
  // Found on a half-resolution min-pooled copy (a speck of one pixel survives min-pooling),
  // which makes the component labelling four times cheaper.
  constexpr int kPool = 2;
  cv::Mat pooled;
  cv::erode(grey, pooled, cv::getStructuringElement(cv::MORPH_RECT, {kPool, kPool}),
            cv::Point(0, 0));
  cv::resize(pooled, pooled, cv::Size(), 1.0 / kPool, 1.0 / kPool, cv::INTER_NEAREST);
  const double pooled_dpi = dpi / kPool;
  cv::Mat ink;
  cv::threshold(pooled, ink, 150, 1, cv::THRESH_BINARY_INV);
  cv::Mat labels, stats, centroids;
  const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  const int max_side = static_cast<int>(std::ceil(MmToPx(0.9, pooled_dpi)));
  const int reach = static_cast<int>(std::ceil(MmToPx(1.2, pooled_dpi)));
  const cv::Rect whole_pooled(0, 0, ink.cols, ink.rows), whole(0, 0, grey.cols, grey.rows);
  int removed = 0;
  for (int i = 1; i < count; ++i) {
    const int left = stats.at<int>(i, cv::CC_STAT_LEFT), top = stats.at<int>(i, cv::CC_STAT_TOP);
    const int width = stats.at<int>(i, cv::CC_STAT_WIDTH);
    const int height = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    if (width > max_side || height > max_side) continue;
    const cv::Rect around =
        cv::Rect(left - reach, top - reach, width + 2 * reach, height + 2 * reach) & whole_pooled;
    if (cv::countNonZero(ink(around)) > stats.at<int>(i, cv::CC_STAT_AREA)) continue;
    // Isolated, so its light rim can go too.
    const cv::Rect rim =
        cv::Rect((left - 1) * kPool, (top - 1) * kPool, (width + 2) * kPool, (height + 2) * kPool) &
        whole;
    grey(rim).setTo(255);
    ++removed;
  }
  return removed;
}

int StretchContrast(cv::Mat& grey) {
  constexpr int kPaperLevel = 235;
  cv::Mat counts;
  const int channels[] = {0};
  const int bins[] = {256};
  const float range[] = {0, 256};
  const float* ranges[] = {range};
  cv::calcHist(&grey, 1, channels, cv::Mat(), counts, 1, bins, ranges);
  std::array<int64_t, 256> histogram{};
  for (int level = 0; level < 256; ++level) histogram[level] = std::lround(counts.at<float>(level));
  int64_t ink = 0;
  for (int level = 0; level < 200; ++level) ink += histogram[level];
  if (ink < static_cast<int64_t>(grey.total() / 2000)) return 0;
  // The darkest few percent of ink is the print's core; faint toner has a light core.
  int black = 0;
  for (int64_t seen = 0; black < 200; ++black) {
    seen += histogram[black];
    if (seen >= ink / 20) break;
  }
  const int low = std::min(black, 160);
  cv::Mat lut(1, 256, CV_8UC1);
  for (int level = 0; level < 256; ++level) {
    const double stretched = (level - low) * 255.0 / (kPaperLevel - low);
    lut.at<uint8_t>(level) = cv::saturate_cast<uint8_t>(stretched);
  }
  cv::LUT(grey, lut, grey);
  return black;
}

}  // namespace sohoa::preprocess::internal
