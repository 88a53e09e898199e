// Skew and line direction by projection profiles: the ink of text lines, projected across
// the lines, gives sharp peaks only at the lines' true angle. Searched coarse-to-fine on a
// binarised ~100 dpi copy, using ink pixels (not a rotated image) so each angle is cheap.
#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "preprocess/page_cleaner.h"
#include "preprocess/steps.h"

namespace sohoa::preprocess {
namespace {

constexpr double kWorkDpi = 100;
constexpr double kMaxSkew = 15;
constexpr double kCoarseStep = 0.5;
constexpr double kFineStep = 0.05;
// Caps keep the cost flat for dense pages; the profile is an average, so a sample suffices.
constexpr size_t kCoarsePoints = 30000;
constexpr size_t kFinePoints = 150000;

double MmToPx(double mm, double dpi) { return mm / 25.4 * dpi; }

// Ink of text-like components: blobs larger than a text line in both directions (photos,
// seals, table frames, the scanner bed) and those touching the image edge are left out.
std::vector<cv::Point2f> TextInkPoints(const cv::Mat& ink, double dpi) {
  cv::Mat labels, stats, centroids;
  const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  const int max_extent = static_cast<int>(MmToPx(14, dpi));
  std::vector<uint8_t> keep(count, 0);
  for (int i = 1; i < count; ++i) {
    const int left = stats.at<int>(i, cv::CC_STAT_LEFT), top = stats.at<int>(i, cv::CC_STAT_TOP);
    const int width = stats.at<int>(i, cv::CC_STAT_WIDTH);
    const int height = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    const bool touches_edge =
        left == 0 || top == 0 || left + width == ink.cols || top + height == ink.rows;
    const bool too_big = width > max_extent && height > max_extent;
    const bool too_small = stats.at<int>(i, cv::CC_STAT_AREA) < 3;
    keep[i] = !(touches_edge || too_big || too_small);
  }
  std::vector<cv::Point2f> points;
  const float cx = ink.cols / 2.0f, cy = ink.rows / 2.0f;
  for (int y = 0; y < labels.rows; ++y) {
    const int* row = labels.ptr<int>(y);
    for (int x = 0; x < labels.cols; ++x) {
      if (row[x] != 0 && keep[row[x]]) points.emplace_back(x - cx, y - cy);
    }
  }
  return points;
}

// Postl's criterion: squared differences of neighbouring bins of the projection across the
// assumed line direction. Points are splatted linearly so the score is smooth in angle.
class ProfileScorer {
 public:
  ProfileScorer(const std::vector<cv::Point2f>& points, size_t max_points, float radius)
      : radius_(radius), bins_(static_cast<size_t>(2 * radius + 4), 0.0) {
    const size_t step = std::max<size_t>(1, points.size() / max_points);
    for (size_t i = 0; i < points.size(); i += step) points_.push_back(points[i]);
  }

  // Lines horizontal: project on y cos + x sin; vertical: on x cos - y sin. Either way a
  // counter-clockwise skew of the content scores highest at degrees == skew.
  double Score(double degrees, bool vertical) {
    const double radians = degrees * M_PI / 180.0;
    const float c = static_cast<float>(std::cos(radians)),
                s = static_cast<float>(std::sin(radians));
    std::fill(bins_.begin(), bins_.end(), 0.0);
    const float offset = radius_ + 1;
    for (const cv::Point2f& p : points_) {
      const float t = (vertical ? p.x * c - p.y * s : p.y * c + p.x * s) + offset;
      const int lower = static_cast<int>(t);
      const float upper_weight = t - lower;
      bins_[lower] += 1.0f - upper_weight;
      bins_[lower + 1] += upper_weight;
    }
    double sum = 0;
    for (size_t i = 1; i < bins_.size(); ++i) {
      const double d = bins_[i] - bins_[i - 1];
      sum += d * d;
    }
    return points_.empty() ? 0 : sum / static_cast<double>(points_.size());
  }

 private:
  float radius_;
  std::vector<cv::Point2f> points_;
  std::vector<double> bins_;
};

struct Peak {
  double degrees = 0;
  double score = 0;
  double median = 0;
};

Peak CoarsePeak(ProfileScorer& scorer, bool vertical) {
  Peak peak;
  std::vector<double> scores;
  for (double a = -kMaxSkew; a <= kMaxSkew + 1e-9; a += kCoarseStep) {
    const double score = scorer.Score(a, vertical);
    scores.push_back(score);
    if (score > peak.score) peak = {a, score, 0};
  }
  std::nth_element(scores.begin(), scores.begin() + scores.size() / 2, scores.end());
  peak.median = scores[scores.size() / 2];
  return peak;
}

double RefinePeak(ProfileScorer& scorer, bool vertical, double around) {
  const int half_steps = static_cast<int>(std::lround(kCoarseStep * 1.2 / kFineStep));
  std::vector<double> scores;
  int best = 0;
  for (int i = -half_steps; i <= half_steps; ++i) {
    scores.push_back(scorer.Score(around + i * kFineStep, vertical));
    if (scores.back() > scores[best]) best = static_cast<int>(scores.size()) - 1;
  }
  double degrees = around + (best - half_steps) * kFineStep;
  if (best > 0 && best + 1 < static_cast<int>(scores.size())) {
    const double left = scores[best - 1], mid = scores[best], right = scores[best + 1];
    const double curvature = left - 2 * mid + right;
    if (curvature < 0) degrees += 0.5 * (left - right) / curvature * kFineStep;
  }
  return degrees;
}

}  // namespace

PageGeometry EstimateGeometry(const cv::Mat& source, double dpi) {
  PageGeometry geometry;
  if (source.empty() || (source.type() != CV_8UC1 && source.type() != CV_8UC3)) return geometry;
  if (!(dpi > 0)) dpi = 300;
  try {
    // Integer factors take OpenCV's fast INTER_AREA path; colour is reduced before the
    // per-pixel grey conversion.
    const int factor = std::max(1, static_cast<int>(std::lround(dpi / kWorkDpi)));
    const double work_dpi = dpi / factor;
    const cv::Mat grey =
        internal::InkGrey(factor == 1 ? source : internal::DownscaleByInteger(source, factor));
    const internal::AnalysisCopy small = internal::MakeAnalysisCopy(grey, work_dpi);
    const cv::Mat normalised = internal::NormaliseBackground(
        grey, small, internal::FindEdgeDarkRegions(small, /*with_streaks=*/true));
    cv::Mat ink;
    const double otsu =
        cv::threshold(normalised, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
    cv::threshold(normalised, ink, std::clamp(otsu, 120.0, 210.0), 255, cv::THRESH_BINARY_INV);

    const std::vector<cv::Point2f> points = TextInkPoints(ink, work_dpi);
    if (points.size() < 50) return geometry;
    const float radius = static_cast<float>(std::hypot(ink.cols, ink.rows) / 2.0);
    ProfileScorer coarse(points, kCoarsePoints, radius);
    const Peak horizontal = CoarsePeak(coarse, false);
    const Peak vertical = CoarsePeak(coarse, true);
    geometry.text_runs_vertically = vertical.score > horizontal.score;
    const Peak& chosen = geometry.text_runs_vertically ? vertical : horizontal;
    ProfileScorer fine(points, kFinePoints, radius);
    geometry.skew_degrees = RefinePeak(fine, geometry.text_runs_vertically, chosen.degrees);
    geometry.score = chosen.median > 0 ? chosen.score / chosen.median - 1 : 0;
  } catch (const cv::Exception&) {
    return PageGeometry{};
  }
  return geometry;
}

cv::Mat RotateQuadrant(const cv::Mat& image, int clockwise_degrees) {
  const int quadrant = ((clockwise_degrees % 360) + 360) % 360;
  cv::Mat out;
  switch (quadrant) {
    case 90:
      cv::rotate(image, out, cv::ROTATE_90_CLOCKWISE);
      break;
    case 180:
      cv::rotate(image, out, cv::ROTATE_180);
      break;
    case 270:
      cv::rotate(image, out, cv::ROTATE_90_COUNTERCLOCKWISE);
      break;
    default:
      out = image.clone();
      break;
  }
  return out;
}

namespace internal {

Affine2D Compose(const Affine2D& second, const Affine2D& first) {
  return {second[0] * first[0] + second[1] * first[3],
          second[0] * first[1] + second[1] * first[4],
          second[0] * first[2] + second[1] * first[5] + second[2],
          second[3] * first[0] + second[4] * first[3],
          second[3] * first[1] + second[4] * first[4],
          second[3] * first[2] + second[4] * first[5] + second[5]};
}

cv::Point2d Apply(const Affine2D& a, cv::Point2d p) {
  return {a[0] * p.x + a[1] * p.y + a[2], a[3] * p.x + a[4] * p.y + a[5]};
}

Affine2D QuadrantAffine(int clockwise_degrees, int width, int height) {
  switch (((clockwise_degrees % 360) + 360) % 360) {
    case 90:
      return {0, -1, static_cast<double>(height), 1, 0, 0};
    case 180:
      return {-1, 0, static_cast<double>(width), 0, -1, static_cast<double>(height)};
    case 270:
      return {0, 1, 0, -1, 0, static_cast<double>(width)};
    default:
      return kIdentityAffine;
  }
}

}  // namespace internal
}  // namespace sohoa::preprocess
