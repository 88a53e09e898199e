// FieldReader on Tesseract with a digit whitelist (LSTM honours it since 4.1) and the
// handwritten-digit CNN (ocr/digit_classifier.h), both over the same cleaned renderings.
#include "ocr/field_reader.h"

#include <fmt/format.h>
#include <tesseract/baseapi.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <opencv2/imgproc.hpp>

#include "ocr/digit_classifier.h"
#include "ocr/ink_colour.h"
#include "ocr/rule_lines.h"

namespace sohoa::ocr {
namespace {

struct TessTextDeleter {
  void operator()(char* text) const { delete[] text; }
};

// Pixels whose chroma (max - min of B, G, R) exceeds this are coloured ink (blue, red,
// violet pens and stamps); black print and grey paper stay below it.
constexpr int kInkChroma = 60;
constexpr int kBorderPx = 12;
// Pen slant (as a shear, tan of the angle) below this is left alone: about 8 degrees.
constexpr double kMinShear = 0.14;

// A field's value is written as one run of glyphs: components are grouped left to right while
// the gap to the next is at most `max_gap` px, and only the group with the most ink is kept (a
// printed slash the slot's estimate let in, a label's last letter, a speck are apart from it).
void KeepInkiestCluster(const cv::Mat& stats, int max_gap, std::vector<char>* drop) {
  std::vector<int> kept;
  for (int label = 1; label < stats.rows; ++label) {
    if (!(*drop)[label]) kept.push_back(label);
  }
  std::sort(kept.begin(), kept.end(), [&](int a, int b) {
    return stats.at<int>(a, cv::CC_STAT_LEFT) < stats.at<int>(b, cv::CC_STAT_LEFT);
  });
  std::vector<int> cluster_of(stats.rows, -1);
  std::vector<long> cluster_ink;
  int right = 0;
  for (int label : kept) {
    const int left = stats.at<int>(label, cv::CC_STAT_LEFT);
    if (cluster_ink.empty() || left - right > max_gap) cluster_ink.push_back(0);
    cluster_of[label] = static_cast<int>(cluster_ink.size()) - 1;
    cluster_ink.back() += stats.at<int>(label, cv::CC_STAT_AREA);
    right = std::max(right, left + stats.at<int>(label, cv::CC_STAT_WIDTH));
  }
  if (cluster_ink.size() < 2) return;
  const int inkiest = static_cast<int>(std::max_element(cluster_ink.begin(), cluster_ink.end()) -
                                       cluster_ink.begin());
  for (int label : kept) (*drop)[label] = cluster_of[label] != inkiest;
}

// Drops ink smaller than the value's glyphs lying wholly above their tops: the small print of
// a stamp's line above the value ('Chuyển: .....'), which sits inside the row's middle band
// where a stamp's frame squeezes it down onto a pen numeral. The glyphs' top is the median top
// of the pieces at least half as tall as the tallest: a pen digit merged with a letter above
// it is the tallest, and the digits beside it count.
void DropSmallInkAbove(const cv::Mat& stats, std::vector<char>* drop) {
  int tallest = 0;
  for (int label = 1; label < stats.rows; ++label) {
    if (!(*drop)[label]) tallest = std::max(tallest, stats.at<int>(label, cv::CC_STAT_HEIGHT));
  }
  std::vector<int> tops;
  for (int label = 1; label < stats.rows; ++label) {
    if (!(*drop)[label] && stats.at<int>(label, cv::CC_STAT_HEIGHT) * 2 >= tallest) {
      tops.push_back(stats.at<int>(label, cv::CC_STAT_TOP));
    }
  }
  if (tops.empty()) return;
  std::nth_element(tops.begin(), tops.begin() + tops.size() / 2, tops.end());
  const int glyph_top = tops[tops.size() / 2];
  for (int label = 1; label < stats.rows; ++label) {
    const int top = stats.at<int>(label, cv::CC_STAT_TOP);
    const int height = stats.at<int>(label, cv::CC_STAT_HEIGHT);
    if (height * 2 < tallest && top + height <= glyph_top) (*drop)[label] = 1;
  }
}

// `ink` (255 on 0) without a stamp frame's upright side running through the whole crop, from
// its top to its bottom: taller than any pen digit. A side that ends inside the crop (at the
// frame's corner) stays: it keeps the print the frame encloses in one piece with it, which
// the crop's other rules drop.
cv::Mat WithoutFrameSides(const cv::Mat& ink) {
  auto spans_the_crop = [&](const cv::Mat& stats, int label) {
    return stats.at<int>(label, cv::CC_STAT_HEIGHT) * 10 >= ink.rows * 9;
  };
  cv::Mat labels, stats, centroids;
  int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  // Most crops have no ink from top to bottom: the rule search is skipped (it turns the crop
  // through nine angles).
  bool any = false;
  for (int label = 1; label < count && !any; ++label) any = spans_the_crop(stats, label);
  if (!any) return ink;
  const cv::Mat kept = WithoutRules(cv::Mat(ink.t()), std::max(8, ink.rows * 4 / 5)).t();
  const cv::Mat removed = ink & ~kept;
  count = cv::connectedComponentsWithStats(removed, labels, stats, centroids, 8, CV_32S);
  cv::Mat out = ink.clone();
  for (int label = 1; label < count; ++label) {
    if (spans_the_crop(stats, label)) out.setTo(0, labels == label);
  }
  return out;
}

// What of a binarised crop (ink 0 on 255) is not the field's value is whitened, then a white
// border added:
// - ruled lines (the motto's underline above the date, a stamp frame's edge, a dotted fill
//   line): horizontal runs longer than a row is tall, far wider than any pen digit, and a
//   frame's upright side through the whole crop (WithoutFrameSides);
// - ink touching the crop's top or bottom edge and centred outside its middle half, or lying
//   wholly above or below its middle band: the crop reaches into the lines above and below
//   so tall handwriting is not cut, and their letters are not the value;
// - thin slivers cut by the crop's left or right side;
// - ink apart from the value's run of glyphs (KeepInkiestCluster).
cv::Mat Padded(const cv::Mat& binary) {
  cv::Mat ink = binary < 128;
  // The crop is the row and half a row above and below: a rule is longer than a row is tall.
  ink = WithoutRules(ink, std::max(8, binary.rows / 2));
  ink = WithoutFrameSides(ink);
  cv::Mat labels, stats, centroids;
  const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  const int band_top = binary.rows * 3 / 10, band_bottom = binary.rows * 7 / 10;
  std::vector<char> drop(count, 0);
  for (int label = 1; label < count; ++label) {
    const int top = stats.at<int>(label, cv::CC_STAT_TOP);
    const int bottom = top + stats.at<int>(label, cv::CC_STAT_HEIGHT);
    const int left = stats.at<int>(label, cv::CC_STAT_LEFT);
    const int width = stats.at<int>(label, cv::CC_STAT_WIDTH);
    // A thin sliver cut by the crop's side is the printed slash before the symbol, or the
    // last stroke of an anchor word: never a whole digit.
    const bool side_sliver =
        (left == 0 || left + width == binary.cols) && width * 5 < (bottom - top) * 2;
    // Large pen digits reach the crop's top or bottom too; they are centred on the row.
    const double centre_y = centroids.at<double>(label, 1);
    const bool from_neighbour_line =
        (top == 0 || bottom == binary.rows) &&
        (centre_y < binary.rows * 0.25 || centre_y > binary.rows * 0.75);
    drop[label] = from_neighbour_line || bottom <= band_top || top >= band_bottom || side_sliver;
  }
  DropSmallInkAbove(stats, &drop);
  KeepInkiestCluster(stats, binary.rows / 4, &drop);
  cv::Mat cleaned(binary.size(), CV_8UC1, cv::Scalar(255));
  for (int y = 0; y < labels.rows; ++y) {
    const int* row = labels.ptr<int>(y);
    unsigned char* out = cleaned.ptr<unsigned char>(y);
    for (int x = 0; x < labels.cols; ++x) {
      if (row[x] != 0 && !drop[row[x]]) out[x] = 0;
    }
  }
  cv::Mat out;
  cv::copyMakeBorder(cleaned, out, kBorderPx, kBorderPx, kBorderPx, kBorderPx, cv::BORDER_CONSTANT,
                     cv::Scalar(255));
  return out;
}

// Coloured ink as black on white; empty when the crop holds almost no coloured ink.
cv::Mat ColouredInk(const cv::Mat& bgr) {
  cv::Mat ink = Chroma(bgr) > kInkChroma;
  if (cv::countNonZero(ink) < 20) return {};
  cv::Mat out(bgr.size(), CV_8UC1, cv::Scalar(255));
  out.setTo(0, ink);
  return out;
}

// The grey level of the paper: the 90th percentile of the crop, which is mostly paper.
int PaperLevel(const cv::Mat& grey) {
  int histogram[256] = {};
  for (int y = 0; y < grey.rows; ++y) {
    const unsigned char* row = grey.ptr<unsigned char>(y);
    for (int x = 0; x < grey.cols; ++x) ++histogram[row[x]];
  }
  const long wanted = static_cast<long>(grey.total()) * 9 / 10;
  long seen = 0;
  for (int level = 0; level < 256; ++level) {
    seen += histogram[level];
    if (seen >= wanted) return level;
  }
  return 255;
}

// The darkest ink of `grey` (0 on 255, InkLevelsOf). Empty for a crop without ink, or a 1-bit
// scan's, whose cut is as sharp as it gets: most of its pixels are pure black or white, turned
// upright or not (grey only at the strokes' edges), while a grey scan's paper and ink are
// noisy.
cv::Mat DarkestInk(const cv::Mat& grey) {
  const int pure = cv::countNonZero(grey == 0) + cv::countNonZero(grey == 255);
  if (pure * 10 >= static_cast<int>(grey.total()) * 8) return {};
  const std::optional<InkLevels> levels = InkLevelsOf(grey);
  if (!levels) return {};
  // The renderings' Otsu binarisation keeps the cut's own level as ink: paper begins a level
  // above it.
  const double threshold = levels->core + (levels->otsu_cut + 1 - levels->core) * kDarkestInkShare;
  cv::Mat dark;
  cv::threshold(grey, dark, threshold, 255, cv::THRESH_BINARY);
  return dark;
}

// `binary` (ink 0 on 255) sheared by `shear` (x' = x + shear * (y - centre)), widened so
// nothing is cut.
cv::Mat Sheared(const cv::Mat& binary, double shear) {
  const int extra = static_cast<int>(std::ceil(std::abs(shear) * binary.rows));
  cv::Mat map =
      (cv::Mat_<double>(2, 3) << 1, shear, extra / 2.0 - shear * binary.rows / 2.0, 0, 1, 0);
  cv::Mat out;
  cv::warpAffine(binary, out, map, cv::Size(binary.cols + extra, binary.rows), cv::INTER_NEAREST,
                 cv::BORDER_CONSTANT, cv::Scalar(255));
  return out;
}

// The shear that stands slanted pen strokes upright: the one whose vertical projection of the
// ink is most peaked (upright strokes pile into few columns, gaps between digits open up).
double UprightShear(const cv::Mat& binary) {
  double best_shear = 0, best_score = -1;
  for (int step = -14; step <= 14; ++step) {
    const double shear = step * 0.05;  // up to 35 degrees either way
    cv::Mat columns;
    cv::reduce(Sheared(binary, shear) < 128, columns, 0, cv::REDUCE_SUM, CV_64F);
    const double score = columns.dot(columns);
    if (score > best_score) best_score = score, best_shear = shear;
  }
  return best_shear;
}

class TesseractFieldReader final : public FieldReader {
 public:
  ~TesseractFieldReader() override {
    if (use_tesseract_) api_.End();
  }

  Status Init(const FieldReaderOptions& options) {
    use_tesseract_ = options.tesseract;
    if (options.digit_model) {
      Result<std::unique_ptr<DigitClassifier>> classifier = DigitClassifier::Create();
      if (classifier.ok()) digits_ = std::move(classifier).value();
    }
    if (!use_tesseract_) {
      if (!digits_) return NotFound("field reading: no recogniser (digit model not built in)");
      return Status::Ok();
    }
    const char* datapath = options.tessdata_dir.empty() ? nullptr : options.tessdata_dir.c_str();
    if (api_.Init(datapath, options.language.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
      return NotFound(fmt::format("cannot load Tesseract language model '{}' for field reading",
                                  options.language));
    }
    api_.SetVariable("debug_file", "/dev/null");
    return Status::Ok();
  }

  std::vector<FieldReading> Read(const cv::Mat& crop, double dpi,
                                 const FieldReadRequest& request) override {
    const bool allow_slash = request.allow_slash;
    std::vector<FieldReading> readings;
    if (crop.empty() || (crop.type() != CV_8UC1 && crop.type() != CV_8UC3)) return readings;
    if (use_tesseract_) {
      api_.SetVariable("tessedit_char_whitelist", allow_slash ? "0123456789/" : "0123456789");
    }
    for (const auto& [name, image] : FieldRenderings(crop, request.darkest_ink)) {
      if (digits_) {
        // Each rendering is one vote, as for Tesseract: binarisations lose or keep different
        // strokes of light pen ink.
        DigitString read = digits_->Read(image, dpi);
        if (!read.text.empty()) {
          readings.push_back(
              {read.text, read.confidence, fmt::format("{}{}", kDigitModelVariantPrefix, name)});
        }
      }
      if (!use_tesseract_) continue;
      for (tesseract::PageSegMode mode : {tesseract::PSM_SINGLE_WORD, tesseract::PSM_SINGLE_LINE}) {
        api_.SetPageSegMode(mode);
        api_.SetImage(image.data, image.cols, image.rows, 1, static_cast<int>(image.step));
        api_.SetSourceResolution(static_cast<int>(std::lround(dpi)));
        std::unique_ptr<char[], TessTextDeleter> text(api_.GetUTF8Text());
        const float confidence = static_cast<float>(api_.MeanTextConf());
        api_.Clear();
        if (!text) continue;
        std::string digits;
        for (const char* c = text.get(); *c; ++c) {
          if ((*c >= '0' && *c <= '9') || (allow_slash && *c == '/')) digits += *c;
        }
        if (digits.empty()) continue;
        readings.push_back(
            {digits, confidence,
             fmt::format("{}/{}", name, mode == tesseract::PSM_SINGLE_WORD ? "word" : "line")});
      }
    }
    return readings;
  }

 private:
  bool use_tesseract_ = true;
  tesseract::TessBaseAPI api_;
  std::unique_ptr<DigitClassifier> digits_;
};

}  // namespace

std::vector<std::pair<std::string, cv::Mat>> FieldRenderings(const cv::Mat& crop,
                                                             bool darkest_ink) {
  std::vector<std::pair<std::string, cv::Mat>> renderings;
  cv::Mat grey;
  if (crop.channels() == 3) {
    cv::Mat ink = ColouredInk(crop);
    if (!ink.empty()) renderings.emplace_back("ink", Padded(ink));
    cv::cvtColor(crop, grey, cv::COLOR_BGR2GRAY);
  } else {
    grey = crop;
  }
  cv::Mat otsu;
  cv::threshold(grey, otsu, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  const cv::Mat otsu_cleaned = Padded(otsu);
  renderings.emplace_back("otsu", otsu_cleaned);
  // Light ink (blue pen in grey) falls above Otsu's cut on a dark-printed crop: cut near the
  // paper instead, but below it, or a yellowed page's paper becomes ink.
  cv::Mat light;
  cv::threshold(grey, light, std::min(200, PaperLevel(grey) - 30), 255, cv::THRESH_BINARY);
  renderings.emplace_back("light", Padded(light));
  if (darkest_ink) {
    cv::Mat dark = DarkestInk(grey);
    if (!dark.empty()) renderings.emplace_back("dark", Padded(dark));
  }
  // Pen strokes are thinner than print: thickened, and smaller (nearer the x-height the
  // recogniser was trained on), the same ink reads differently; the votes are pooled.
  cv::Mat thick;
  cv::erode(otsu, thick, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(3, 3)));
  renderings.emplace_back("thick", Padded(thick));
  cv::Mat small;
  cv::resize(grey, small, cv::Size(), 0.6, 0.6, cv::INTER_AREA);
  cv::threshold(small, small, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  renderings.emplace_back("small", Padded(small));
  // Italic pen digits lean into each other, and both readers take a leaning '1' for a slash
  // or lose a digit whose strokes touch its neighbour's: read them stood upright. (The printed
  // slash is not in the crop: the slot ends before it.)
  const double shear = UprightShear(otsu_cleaned);
  if (std::abs(shear) >= kMinShear) {
    for (auto& [name, image] : renderings) image = Sheared(image, shear);
  }
  return renderings;
}

bool InkCutAtLeft(const cv::Mat& crop) {
  if (crop.empty() || (crop.type() != CV_8UC1 && crop.type() != CV_8UC3)) return false;
  cv::Mat grey = crop;
  if (crop.channels() == 3) cv::cvtColor(crop, grey, cv::COLOR_BGR2GRAY);
  cv::Mat ink;
  cv::threshold(grey, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  // A blank crop has no ink for Otsu to find; it cuts the paper's noise.
  double darkest = 0, lightest = 0;
  cv::minMaxLoc(grey, &darkest, &lightest);
  if (lightest - darkest < 60) return false;
  cv::Mat labels, stats, centroids;
  const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  const int band_top = crop.rows * 3 / 10, band_bottom = crop.rows * 7 / 10;
  // A glyph's size is a quarter of the crop's height, or half the tallest glyph standing whole
  // in the row when that is less: a slot cut from a row read under a stamp may be far taller
  // than the numeral in it.
  int glyph_height = 0;
  for (int label = 1; label < count; ++label) {
    const int left = stats.at<int>(label, cv::CC_STAT_LEFT);
    const int width = stats.at<int>(label, cv::CC_STAT_WIDTH);
    const double centre_y = centroids.at<double>(label, 1);
    const int height = stats.at<int>(label, cv::CC_STAT_HEIGHT);
    if (left == 0 || left + width == crop.cols || centre_y < band_top || centre_y > band_bottom ||
        height * 8 < crop.rows) {
      continue;  // a speck is no glyph
    }
    glyph_height = std::max(glyph_height, height);
  }
  int least_height = (crop.rows + 3) / 4;
  if (glyph_height > 0) least_height = std::min(least_height, (glyph_height + 1) / 2);
  for (int label = 1; label < count; ++label) {
    const int top = stats.at<int>(label, cv::CC_STAT_TOP);
    const int height = stats.at<int>(label, cv::CC_STAT_HEIGHT);
    if (stats.at<int>(label, cv::CC_STAT_LEFT) != 0 || height < least_height) continue;
    if (top + height > band_top && top < band_bottom) return true;
  }
  return false;
}

bool InkCutAtRight(const cv::Mat& crop) {
  cv::Mat mirrored;
  if (!crop.empty()) cv::flip(crop, mirrored, 1);
  return InkCutAtLeft(mirrored);
}

Result<std::unique_ptr<FieldReader>> FieldReader::Create(const FieldReaderOptions& options) {
  auto reader = std::make_unique<TesseractFieldReader>();
  SOHOA_RETURN_IF_ERROR(reader->Init(options));
  return std::unique_ptr<FieldReader>(std::move(reader));
}

}  // namespace sohoa::ocr
