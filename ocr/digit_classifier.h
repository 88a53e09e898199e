// Reads a handwritten numeral (a document number, day or month written by pen into a printed
// form) glyph by glyph: the pen ink is cut into glyphs, and each glyph is classified by a small
// convolutional network trained offline on MNIST and handwriting-like fonts (bench/
// train_digits.cc writes the normalised samples, scripts/train-digits trains; models/README.md).
// The ONNX model is compiled into the binary and run by OpenCV's dnn module. A classifier is not
// thread-safe (cv::dnn::Net keeps scratch state): one per thread, like FieldReader.
#pragma once

#include <array>
#include <memory>
#include <opencv2/core.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "ocr/digit_segmentation.h"

namespace sohoa::ocr {

// The network's input is a kDigitInputSide square, ink 255 on 0.
inline constexpr int kDigitInputSide = 28;
// Ten digits, then "not a digit" (slashes, dashes, letters, diacritics, print fragments, specks).
inline constexpr int kDigitClassCount = 11;
inline constexpr int kNotDigitClass = 10;

// The one normalisation of a glyph, shared by the training tool and the reader: `glyph_ink` is
// CV_8UC1 with ink > 76 (any size). The ink is brought to a common stroke width and scaled so
// its longer side spans 20 px, centred in the 28x28 CV_8UC1 result (ink 255). The slant is
// kept: corrected upright, a '/' would be a '1'. Empty when there is no ink (or not CV_8UC1).
cv::Mat NormalisedGlyph(const cv::Mat& glyph_ink);

struct DigitGlyph {
  cv::Rect box;           // in the crop
  char digit = '?';       // best digit class
  float probability = 0;  // 0..1, that digit's share of all 11 classes
  float not_digit = 0;    // 0..1, the "not a digit" class's share
};

struct DigitString {
  std::string text;  // one digit per glyph kept
  // 0..100: the least sure kept glyph's probability, and no more than the "not a digit"
  // share of a glyph left out beside the numeral that is written like its digits.
  float confidence = 0;
  std::vector<DigitGlyph> glyphs;  // the kept glyphs
};

class DigitClassifier {
 public:
  // The model compiled into the binary; kNotFound when the build has none.
  static Result<std::unique_ptr<DigitClassifier>> Create();
  // An ONNX model as written by scripts/train-digits (input 1x1x28x28, output 11 logits).
  static Result<std::unique_ptr<DigitClassifier>> FromOnnx(std::string_view onnx_bytes);
  ~DigitClassifier();

  // Class probabilities of one normalised glyph (NormalisedGlyph's output).
  std::array<float, kDigitClassCount> ClassifyNormalised(const cv::Mat& normalised);
  // Which digit, averaged over the glyph as written and slightly turned and sheared (a pen's
  // slant and tilt the training fonts lack move one reading, rarely all of them); whether a
  // digit at all ("not a digit"'s probability), from the glyph as written only: turned or
  // sheared, a '1' is a slash.
  std::array<float, kDigitClassCount> ClassifyNormalisedVariants(const cv::Mat& normalised);
  // ClassifyNormalisedVariants of one glyph's ink (ink > 76, any size); all zero without ink.
  std::array<float, kDigitClassCount> Classify(const cv::Mat& glyph_ink);
  // Reads a whole field crop (CV_8UC1 or CV_8UC3) at `dpi`. Glyphs the model takes for "not a
  // digit" at either end (a slash, the label's letters) are left out; one inside the numeral
  // keeps its best digit at its low probability. Empty text when no digit is left.
  DigitString Read(const cv::Mat& crop, double dpi);

 private:
  struct Model;
  explicit DigitClassifier(std::unique_ptr<Model> model);
  std::unique_ptr<Model> model_;
};

}  // namespace sohoa::ocr
