// Rendered glyph samples for the handwritten-digit model (bench/train_digits.cc): digits and
// "not a digit" shapes from Debian fonts with pen-like augmentation, each already normalised by
// ocr::NormalisedGlyph.
#pragma once

#include <map>
#include <opencv2/core.hpp>
#include <opencv2/freetype.hpp>
#include <random>
#include <string>
#include <vector>

namespace sohoa::bench {

struct DigitSample {
  cv::Mat normalised;  // 28x28 CV_8UC1, ink 255 (ocr::NormalisedGlyph)
  int label = 0;       // 0-9, or 10 for "not a digit"
};

struct PenFont {
  std::string path;
  double thicken_px;  // extra pen width at 300 dpi, as the generator's pen thickening
};

class DigitRenderer {
 public:
  explicit DigitRenderer(unsigned seed) : rng_(seed) {}

  // Digits of every training font present (per_font per digit) and 3 * per_font "not a digit"
  // shapes per font: slashes, dashes, letters, diacritic fragments, pieces of printed glyphs,
  // stamp-frame arcs and specks.
  void AddTrainingSamples(int per_font, std::vector<DigitSample>* out);

  // The vn-headers generator's pen fonts, never trained on: "font-<name>" sets of per_digit
  // glyphs of each digit, and "reject-generator-fonts" (slashes and letters in those fonts).
  std::map<std::string, std::vector<DigitSample>> HeldOutSets(int per_digit);

 private:
  // A pen-written glyph: ink mask (255 = ink) after size, rotation, slant, pen width, blur,
  // ink tone and threshold, broken strokes, low resolution and touching neighbours vary.
  cv::Mat Render(const PenFont& font, const std::string& text, bool neighbours);
  cv::Mat RenderPlain(const PenFont& font, const std::string& text, int px);
  cv::Mat NotDigitShape(const PenFont& font);
  void Add(const cv::Mat& ink, int label, std::vector<DigitSample>* out);
  double Unit() { return std::uniform_real_distribution<double>(0, 1)(rng_); }

  std::mt19937 rng_;
  std::map<std::string, cv::Ptr<cv::freetype::FreeType2>> fonts_;
};

}  // namespace sohoa::bench
