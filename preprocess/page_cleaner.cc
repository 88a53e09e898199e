// CleanForOcr: photometric cleaning at the source orientation (cheaper, and the scanner bed
// is still at the image edge), then one geometric resampling that turns, deskews and scales.
#include "preprocess/page_cleaner.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <string>

#include "preprocess/steps.h"

namespace sohoa::preprocess {
namespace {

// Below this a rotation shifts a full text line by under two pixels at 300 dpi: resampling
// would blur more than it straightens.
constexpr double kMinSkewToRemove = 0.05;
constexpr double kMaxSkew = 45;

class StepTimer {
 public:
  double Lap() {
    const auto now = std::chrono::steady_clock::now();
    const double ms = std::chrono::duration<double, std::milli>(now - last_).count();
    last_ = now;
    return ms;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// Pixel-index form of a continuous affine, as cv::warpAffine expects (pixel i's centre is
// at i there, at i + 0.5 in continuous coordinates).
cv::Mat PixelIndexMatrix(const Affine2D& a) {
  cv::Mat m(2, 3, CV_64F);
  m.at<double>(0, 0) = a[0];
  m.at<double>(0, 1) = a[1];
  m.at<double>(0, 2) = a[2] + 0.5 * (a[0] + a[1]) - 0.5;
  m.at<double>(1, 0) = a[3];
  m.at<double>(1, 1) = a[4];
  m.at<double>(1, 2) = a[5] + 0.5 * (a[3] + a[4]) - 0.5;
  return m;
}

struct Placement {
  Affine2D affine;
  cv::Size size;
};

// Quarter turn, then rotation by -skew about the centre on a canvas grown to hold the
// whole turned page, then scaling; all in continuous coordinates.
Placement PlaceUpright(cv::Size source, int clockwise_turn, double skew_degrees, double scale) {
  const Affine2D quadrant = internal::QuadrantAffine(clockwise_turn, source.width, source.height);
  const bool sideways = clockwise_turn == 90 || clockwise_turn == 270;
  const double width = sideways ? source.height : source.width;
  const double height = sideways ? source.width : source.height;
  const double radians = skew_degrees * M_PI / 180.0;
  const double c = std::cos(radians), s = std::sin(radians);
  const cv::Size size(
      static_cast<int>(std::ceil((width * std::abs(c) + height * std::abs(s)) * scale - 1e-6)),
      static_cast<int>(std::ceil((width * std::abs(s) + height * std::abs(c)) * scale - 1e-6)));
  // Undoing a counter-clockwise turn in y-down coordinates.
  const double a = scale * c, b = -scale * s, d = scale * s, e = scale * c;
  const double cx = width / 2, cy = height / 2;
  const Affine2D deskew = {a, b, size.width / 2.0 - (a * cx + b * cy),
                           d, e, size.height / 2.0 - (d * cx + e * cy)};
  return {internal::Compose(deskew, quadrant), size};
}

}  // namespace

Result<CleanPage> CleanForOcr(const cv::Mat& source, double source_dpi, int orientation_degrees,
                              double skew_degrees, const CleanOptions& options) {
  if (source.empty()) return InvalidInput("empty page image");
  if (source.type() != CV_8UC1 && source.type() != CV_8UC3) {
    return Unsupported("page image must be 8-bit grey or BGR");
  }
  if (!(source_dpi > 0) || !(options.target_dpi > 0)) return InvalidInput("resolution must be > 0");
  const int orientation = ((orientation_degrees % 360) + 360) % 360;
  if (orientation % 90 != 0) return InvalidInput("orientation must be a multiple of 90 degrees");
  if (!std::isfinite(skew_degrees) || std::abs(skew_degrees) > kMaxSkew) {
    return InvalidInput("skew out of range");
  }
  CleanPage page;
  page.dpi = options.target_dpi;
  page.orientation_degrees = orientation;
  try {
    StepTimer timer;
    cv::Mat grey;
    if (source.channels() == 1) {
      grey = source.clone();
    } else if (options.suppress_colour_ink) {
      grey = internal::InkGrey(source);
    } else {
      cv::cvtColor(source, grey, cv::COLOR_BGR2GRAY);
    }
    const double t_grey = timer.Lap();

    // Downscaling comes first so every later step runs on fewer pixels; upscaling comes
    // last, inside the single geometric warp.
    const double scale = options.target_dpi / source_dpi;
    Affine2D to_work = kIdentityAffine;
    double work_dpi = source_dpi;
    double remaining_scale = scale;
    if (scale < 1) {
      cv::Point2d actual;
      grey = internal::Resample(grey, scale, &actual);
      to_work = {actual.x, 0, 0, 0, actual.y, 0};
      work_dpi = options.target_dpi;
      remaining_scale = 1;
    }
    const double t_resample = timer.Lap();

    const internal::AnalysisCopy small = internal::MakeAnalysisCopy(grey, work_dpi);
    cv::Mat edge_mask;
    if (options.remove_borders) {
      edge_mask = internal::FindEdgeDarkRegions(small, /*with_streaks=*/false);
      if (!edge_mask.empty()) {
        page.notes.push_back(fmt::format(
            "scanner bed/punch holes whitened: {:.1f}% of the page",
            100.0 * cv::countNonZero(edge_mask) / static_cast<double>(edge_mask.total())));
      }
    }
    const double t_borders = timer.Lap();
    if (options.normalise_background) {
      grey = internal::NormaliseBackground(grey, small, edge_mask);
    } else if (!edge_mask.empty()) {
      cv::Mat mask;
      cv::resize(edge_mask, mask, grey.size(), 0, 0, cv::INTER_NEAREST);
      grey.setTo(255, mask);
    }
    const double t_background = timer.Lap();
    if (options.despeckle) {
      const int specks = internal::RemoveIsolatedSpecks(grey, work_dpi);
      if (specks > 0) page.notes.push_back(fmt::format("isolated specks removed: {}", specks));
    }
    const double t_specks = timer.Lap();
    if (options.normalise_background) {
      const int black = internal::StretchContrast(grey);
      page.notes.push_back(fmt::format("print core level before stretch: {}", black));
    }
    const double t_contrast = timer.Lap();

    // The content is turned `orientation` clockwise; turning it back is the complement.
    const int upright_turn = (360 - orientation) % 360;
    const bool deskew = std::abs(skew_degrees) >= kMinSkewToRemove;
    page.skew_degrees = deskew ? skew_degrees : 0;
    if (!deskew && remaining_scale == 1) {
      page.image = RotateQuadrant(grey, upright_turn);
      page.source_to_upright =
          internal::Compose(internal::QuadrantAffine(upright_turn, grey.cols, grey.rows), to_work);
    } else {
      const Placement placement =
          PlaceUpright(grey.size(), upright_turn, page.skew_degrees, remaining_scale);
      // Cubic only where it adds detail (upscaling); a rotation at the same scale reads as
      // well with linear and costs half as much.
      cv::warpAffine(grey, page.image, PixelIndexMatrix(placement.affine), placement.size,
                     remaining_scale > 1 ? cv::INTER_CUBIC : cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                     cv::Scalar(255));
      page.source_to_upright = internal::Compose(placement.affine, to_work);
    }
    const double t_geometry = timer.Lap();
    // On the upright page, where a streak along the sheet lies along its axis.
    if (options.remove_streaks) {
      const int streaks = internal::RemoveStreaks(page.image, page.dpi);
      if (streaks > 0) {
        page.notes.push_back(fmt::format("streaks across the page removed: {}", streaks));
      }
    }
    const double t_streaks = timer.Lap();
    page.notes.push_back(fmt::format(
        "preprocess ms: grey {:.1f}, resample {:.1f}, borders {:.1f}, background {:.1f}, "
        "specks {:.1f}, contrast {:.1f}, turn/deskew {:.1f}, streaks {:.1f}",
        t_grey, t_resample, t_borders, t_background, t_specks, t_contrast, t_geometry, t_streaks));
  } catch (const cv::Exception& e) {
    return Internal(std::string("OpenCV: ") + e.err);
  }
  return page;
}

}  // namespace sohoa::preprocess
