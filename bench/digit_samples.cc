#include "bench/digit_samples.h"

#include <fmt/format.h>

#include <filesystem>
#include <opencv2/imgproc.hpp>

#include "ocr/digit_classifier.h"

namespace sohoa::bench {
namespace {

// Handwriting, script and italic fonts from Debian packages (fonts-bwht, fonts-dancingscript,
// fonts-urw-base35, fonts-dejavu-core, fonts-freefont-ttf, fonts-femkeklaver, fonts-rufscript,
// fonts-kaushanscript, fonts-comic-neue, fonts-klee, fonts-tomsontalks, fonts-tlwg-purisa-otf,
// fonts-nanum-extra, fonts-lobstertwo, fonts-sil-andika), and upright print faces so printed
// digits read too. A missing font is skipped.
const std::vector<PenFont> kTrainFonts = {
    {"/usr/share/fonts/opentype/bwht/BecauseWeConnect-Regular.otf", 1},
    {"/usr/share/fonts/opentype/bwht/BecauseWeLearn-Regular.otf", 1},
    {"/usr/share/fonts/opentype/bwht/BecauseWeMentor-Regular.otf", 1},
    {"/usr/share/fonts/opentype/dancingscript/DancingScript-Bold.otf", 1},
    {"/usr/share/fonts/opentype/urw-base35/Z003-MediumItalic.otf", 2},
    {"/usr/share/fonts/opentype/urw-base35/URWBookman-LightItalic.otf", 1},
    {"/usr/share/fonts/opentype/urw-base35/P052-Italic.otf", 1},
    {"/usr/share/fonts/opentype/urw-base35/C059-Italic.otf", 1},
    {"/usr/share/fonts/opentype/urw-base35/NimbusSans-Italic.otf", 1},
    {"/usr/share/fonts/opentype/urw-base35/URWGothic-BookOblique.otf", 1},
    {"/usr/share/fonts/opentype/urw-base35/NimbusRoman-Regular.otf", 0},
    {"/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf", 1},
    {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0},
    {"/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf", 1},
    {"/usr/share/fonts/truetype/freefont/FreeSansOblique.ttf", 1},
    {"/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf", 0},
    {"/usr/share/fonts/truetype/femkeklaver/femkeklaver.ttf", 2},
    {"/usr/share/fonts/truetype/rufscript/Rufscript010.ttf", 1},
    {"/usr/share/fonts/opentype/kaushanscript/KaushanScript-Regular.otf", 1},
    {"/usr/share/fonts/opentype/comic-neue/ComicNeue-Italic.otf", 1},
    {"/usr/share/fonts/opentype/comic-neue/ComicNeue-Regular.otf", 1},
    {"/usr/share/fonts/truetype/klee/KleeOne-Regular.ttf", 2},
    {"/usr/share/fonts/truetype/tomsontalks/TomsonTalks.ttf", 1},
    {"/usr/share/fonts/opentype/tlwg/Purisa.otf", 1},
    {"/usr/share/fonts/opentype/tlwg/Purisa-Oblique.otf", 1},
    {"/usr/share/fonts/truetype/nanum/NanumPen.ttf", 2},
    {"/usr/share/fonts/truetype/nanum/NanumBrush.ttf", 1},
    {"/usr/share/fonts/truetype/nanum/NanumBarunpenR.ttf", 1},
    {"/usr/share/fonts/opentype/lobstertwo/LobsterTwo-Italic.otf", 0},
    {"/usr/share/fonts/truetype/andika/Andika-Italic.ttf", 1},
};

// Print faces of official documents, for pieces of printed glyphs and printed letters.
const std::vector<PenFont> kPrintFonts = {
    {"/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf", 0},
    {"/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf", 0},
    {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0},
};

// The vn-headers generator's pen fonts (gen_corpus.py HAND_FONTS): test only.
const std::vector<PenFont> kHeldOutFonts = {
    {"/usr/share/fonts/truetype/fifthhorseman/dkg.ttf", 3},
    {"/usr/share/fonts/truetype/fifthhorseman/dkgIt.ttf", 3},
    {"/usr/share/fonts/truetype/breip/Breip.ttf", 3},
    {"/usr/share/fonts/opentype/dancingscript/DancingScript-Regular.otf", 2},
    {"/usr/share/fonts/opentype/bwht/BecauseWeBuild-Regular.otf", 1},
    {"/usr/share/fonts/opentype/bwht/BecauseWeCreate-Regular.otf", 1},
    {"/usr/share/fonts/opentype/bwht/BecauseWeOrganize-Regular.otf", 1},
    {"/usr/share/fonts/truetype/humor-sans/Humor-Sans.ttf", 2},
};

// Letters and marks that do not look like a digit (no l, I, O, o, S, Z, B, b, g, q ...).
const std::vector<std::string> kNotDigitGlyphs = {
    "/", "/", "/", "/", "-", "-", ":", "a", "c", "e", "f", "h", "k", "m", "n", "p", "r",
    "u", "v", "w", "x", "y", "A", "C", "Đ", "E", "F", "H", "K", "M", "N", "P", "R", "U",
    "V", "W", "X", "Y", "Q", "T", "D", "đ", "ă", "ơ", "ư", "ố", "ế", "%", "&", "@", "#"};
// Vietnamese letters whose marks above come loose as fragments.
const std::vector<std::string> kDiacriticLetters = {"ố", "ấ", "ề", "ữ", "ẫ", "ỗ", "ặ", "ế", "ộ"};

// The reader's segmentation drops specks away from the glyph; so do the samples.
cv::Mat WithoutSpecks(const cv::Mat& ink) {
  cv::Mat labels, stats, centroids;
  const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  int largest = 0;
  for (int i = 1; i < count; ++i) largest = std::max(largest, stats.at<int>(i, cv::CC_STAT_AREA));
  cv::Mat kept = ink.clone();
  for (int i = 1; i < count; ++i) {
    if (stats.at<int>(i, cv::CC_STAT_AREA) < std::max(6.0, 0.06 * largest))
      kept.setTo(0, labels == i);
  }
  return kept;
}

std::string FontName(const std::string& path) { return std::filesystem::path(path).stem(); }

}  // namespace

void DigitRenderer::Add(const cv::Mat& ink, int label, std::vector<DigitSample>* out) {
  cv::Mat normalised = ocr::NormalisedGlyph(ink);
  if (!normalised.empty()) out->push_back({normalised, label});
}

cv::Mat DigitRenderer::RenderPlain(const PenFont& font, const std::string& text, int px) {
  auto& face = fonts_[font.path];
  if (!face) {
    face = cv::freetype::createFreeType2();
    face->loadFontData(font.path, 0);
  }
  const int side = px * 3;
  // FreeType2 draws on 3-channel images only.
  cv::Mat colour = cv::Mat::zeros(side, side, CV_8UC3);
  face->putText(colour, text, cv::Point(px, px * 2), px, cv::Scalar::all(255), -1, cv::LINE_AA,
                true);
  cv::Mat canvas;
  cv::extractChannel(colour, canvas, 0);
  return canvas;
}

cv::Mat DigitRenderer::Render(const PenFont& font, const std::string& text, bool neighbours) {
  const int px = 26 + static_cast<int>(Unit() * 74);
  cv::Mat canvas = RenderPlain(font, text, px);
  const int side = canvas.cols;
  if (neighbours && Unit() < 0.15) {
    // A neighbour written close enough to touch: part of another digit at one side.
    const cv::Mat other = RenderPlain(font, std::to_string(rng_() % 10), px);
    cv::Mat points;
    cv::findNonZero(canvas > 60, points);
    if (!points.empty()) {
      const cv::Rect box = cv::boundingRect(points);
      const int shift = static_cast<int>(box.width * (0.85 + 0.2 * Unit()));
      const int direction = Unit() < 0.5 ? -1 : 1;
      cv::Mat moved;
      cv::Mat warp = (cv::Mat_<double>(2, 3) << 1, 0, direction * shift, 0, 1, 0);
      cv::warpAffine(other, moved, warp, other.size());
      // Only a sliver of it lies inside this glyph's cut.
      const int keep = static_cast<int>(box.width * (0.1 + 0.15 * Unit()));
      cv::Mat sliver = cv::Mat::zeros(moved.size(), CV_8UC1);
      const int from = direction < 0 ? std::max(0, box.x - keep) : box.x + box.width;
      const cv::Rect strip = cv::Rect(from, 0, keep, side) & cv::Rect(0, 0, side, side);
      if (strip.area() > 0) moved(strip).copyTo(sliver(strip));
      canvas = cv::max(canvas, sliver);
    }
  }
  const double rotation = std::normal_distribution<double>(0, 4)(rng_);
  const double slant = -0.08 + Unit() * 0.4;
  cv::Mat warp = cv::getRotationMatrix2D(cv::Point2f(side / 2.0f, side / 2.0f), rotation, 1);
  warp.at<double>(0, 1) -= slant;
  warp.at<double>(0, 2) += slant * side / 2.0;
  cv::warpAffine(canvas, canvas, warp, canvas.size(), cv::INTER_LINEAR);
  const double pen = font.thicken_px * (0.5 + Unit() * 1.1) * px / 60.0;
  const int k = static_cast<int>(std::lround(pen));
  if (k >= 2) {
    cv::dilate(canvas, canvas, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(k, k)));
  }
  cv::GaussianBlur(canvas, canvas, cv::Size(0, 0), 0.5 + Unit() * 0.9);
  // Blue ballpoint in a grey or 1-bit scan is a light, uneven grey: its tone, the paper's
  // noise and where the binarisation cuts thin or break strokes.
  cv::Mat tone;
  canvas.convertTo(tone, CV_32F, 0.45 + 0.55 * Unit());
  cv::Mat noise(tone.size(), CV_32F);
  cv::randn(noise, 0, 2 + 8 * Unit());
  tone += noise;
  cv::Mat ink = tone > (50 + Unit() * 70);
  if (Unit() < 0.15) {
    cv::Mat holes(ink.size(), CV_8UC1);
    cv::randu(holes, 0, 255);
    cv::Mat spots;
    cv::dilate(holes < 3, spots, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(3, 3)));
    ink.setTo(0, spots);
  }
  if (Unit() < 0.2) {
    // Scanned at a low resolution: the shape survives coarser.
    const double factor = 0.3 + 0.4 * Unit();
    cv::Mat small;
    cv::resize(ink, small, cv::Size(), factor, factor, cv::INTER_AREA);
    ink = small > 110;
  }
  return WithoutSpecks(ink);
}

cv::Mat DigitRenderer::NotDigitShape(const PenFont& font) {
  const double kind = Unit();
  if (kind < 0.62) {
    return Render(font, kNotDigitGlyphs[rng_() % kNotDigitGlyphs.size()], true);
  }
  if (kind < 0.72) {
    // A tone mark or circumflex come loose from its letter: the ink's top rows.
    cv::Mat ink = Render(font, kDiacriticLetters[rng_() % kDiacriticLetters.size()], false);
    cv::Mat points;
    cv::findNonZero(ink, points);
    if (points.empty()) return ink;
    const cv::Rect box = cv::boundingRect(points);
    const int rows = static_cast<int>(box.height * (0.2 + 0.15 * Unit()));
    return ink(cv::Rect(box.x, box.y, box.width, std::max(1, rows))).clone();
  }
  if (kind < 0.84) {
    // A piece of a printed letter cut by a crop's edge.
    const PenFont& print = kPrintFonts[rng_() % kPrintFonts.size()];
    static const std::string kLetters = "QDUBNHCTPKMVXYWE";
    cv::Mat ink = Render(print, std::string(1, kLetters[rng_() % kLetters.size()]), false);
    cv::Mat points;
    cv::findNonZero(ink, points);
    if (points.empty()) return ink;
    cv::Rect box = cv::boundingRect(points);
    const double share = 0.25 + 0.35 * Unit();
    if (Unit() < 0.5) {
      const int width = std::max(1, static_cast<int>(box.width * share));
      box.x += Unit() < 0.5 ? 0 : box.width - width;
      box.width = width;
    } else {
      const int height = std::max(1, static_cast<int>(box.height * share));
      box.y += Unit() < 0.5 ? 0 : box.height - height;
      box.height = height;
    }
    return ink(box).clone();
  }
  const int side = 40 + static_cast<int>(Unit() * 80);
  cv::Mat ink = cv::Mat::zeros(side * 3, side * 3, CV_8UC1);
  if (kind < 0.94) {
    // A stamp's ring: a short thick arc of a large circle.
    const int radius = static_cast<int>(side * (1.5 + 2 * Unit()));
    const double start = Unit() * 360;
    const double span = 15 + Unit() * 35;
    const int thickness = std::max(2, static_cast<int>(side * (0.05 + 0.12 * Unit())));
    cv::ellipse(ink, cv::Point(side * 3 / 2, side * 3 / 2) + cv::Point(0, radius),
                cv::Size(radius, radius), 0, start, start + span, 255, thickness, cv::LINE_AA);
    return ink > 100;
  }
  // Specks and grain.
  const int count = 1 + static_cast<int>(Unit() * 4);
  for (int i = 0; i < count; ++i) {
    cv::circle(ink, cv::Point(rng_() % (side * 2) + side / 2, rng_() % (side * 2) + side / 2),
               1 + static_cast<int>(Unit() * side / 10), 255, -1);
  }
  return ink;
}

void DigitRenderer::AddTrainingSamples(int per_font, std::vector<DigitSample>* out) {
  for (const PenFont& font : kTrainFonts) {
    if (!std::filesystem::exists(font.path)) {
      fmt::print(stderr, "skipping missing font {}\n", font.path);
      continue;
    }
    for (int digit = 0; digit < 10; ++digit) {
      for (int n = 0; n < per_font; ++n) Add(Render(font, std::to_string(digit), true), digit, out);
    }
    for (int n = 0; n < per_font * 3; ++n) Add(NotDigitShape(font), ocr::kNotDigitClass, out);
  }
}

std::map<std::string, std::vector<DigitSample>> DigitRenderer::HeldOutSets(int per_digit) {
  std::map<std::string, std::vector<DigitSample>> sets;
  for (const PenFont& font : kHeldOutFonts) {
    if (!std::filesystem::exists(font.path)) continue;
    std::vector<DigitSample>& set = sets["font-" + FontName(font.path)];
    for (int digit = 0; digit < 10; ++digit) {
      for (int n = 0; n < per_digit; ++n)
        Add(Render(font, std::to_string(digit), false), digit, &set);
    }
    for (const char* glyph : {"/", "/", "/", "a", "h", "k", "m", "N", "Q", "Đ", "U", "-"}) {
      for (int n = 0; n < per_digit / 6; ++n) {
        Add(Render(font, glyph, false), ocr::kNotDigitClass, &sets["reject-generator-fonts"]);
      }
    }
  }
  return sets;
}

}  // namespace sohoa::bench
