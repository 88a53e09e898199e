#include "pipeline/journal.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>
#include <qpdf/QPDFCryptoProvider.hh>
#include <sstream>

#include "common/atomic_file.h"

namespace sohoa::pipeline {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kProgramVersion = "sohoa 0.1.0";

json BoxJson(const PixelBox& box) {
  return json::array({box.left, box.top, box.right, box.bottom});
}

PixelBox BoxFrom(const json& array) {
  return {array.at(0).get<int>(), array.at(1).get<int>(), array.at(2).get<int>(),
          array.at(3).get<int>()};
}

std::string Sha256Hex(const std::string& bytes) {
  auto sha = QPDFCryptoProvider::getImpl();
  sha->SHA2_init(256);
  sha->SHA2_update(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  sha->SHA2_finalize();
  std::string hex;
  for (unsigned char byte : sha->SHA2_digest()) hex += fmt::format("{:02x}", byte);
  return hex;
}

}  // namespace

std::string EncodeJournaledPage(const JournaledPage& page) {
  const PageText& text = page.text;
  const QualityRecord& q = text.quality;
  json lines = json::array();
  for (const TextLine& line : text.lines) {
    json words = json::array();
    for (const Word& word : line.words) {
      words.push_back({word.text, BoxJson(word.box), word.confidence});
    }
    lines.push_back({{"box", BoxJson(line.box)}, {"block", line.block_index}, {"words", words}});
  }
  json header_reads = json::array();
  for (const HeaderFieldRead& read : text.header_reads) {
    header_reads.push_back({read.name, read.value, read.confidence, read.uncertain, read.reread});
  }
  json encoded = {{"width", text.width_px},
                  {"height", text.height_px},
                  {"dpi", text.dpi},
                  {"affine", text.source_to_upright},
                  {"lines", lines},
                  {"header_reads", header_reads},
                  {"agency_lines", text.agency_lines},
                  {"quality",
                   {q.orientation_degrees, q.skew_degrees, q.source_dpi, q.dpi_estimated,
                    q.mean_confidence, q.low_confidence_share, q.word_count, q.text_from_pdf,
                    q.ocr_timed_out, q.needs_review, q.review_reason}},
                  {"layout",
                   {page.layout.has_real_text, page.layout.render_dpi, page.layout.source_width,
                    page.layout.source_height}}};
  return encoded.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<JournaledPage> DecodeJournaledPage(const std::string& text) {
  try {
    json encoded = json::parse(text);
    JournaledPage page;
    PageText& out = page.text;
    out.width_px = encoded.at("width").get<int>();
    out.height_px = encoded.at("height").get<int>();
    out.dpi = encoded.at("dpi").get<double>();
    out.source_to_upright = encoded.at("affine").get<Affine2D>();
    for (const json& line_json : encoded.at("lines")) {
      TextLine line;
      line.box = BoxFrom(line_json.at("box"));
      line.block_index = line_json.at("block").get<int>();
      for (const json& word_json : line_json.at("words")) {
        line.words.push_back({word_json.at(0).get<std::string>(), BoxFrom(word_json.at(1)),
                              word_json.at(2).get<float>()});
      }
      out.lines.push_back(std::move(line));
    }
    // Entries journaled before header reads were kept have none.
    for (const json& read : encoded.value("header_reads", json::array())) {
      out.header_reads.push_back({read.at(0).get<std::string>(), read.at(1).get<std::string>(),
                                  read.at(2).get<float>(), read.at(3).get<bool>(),
                                  read.at(4).get<bool>()});
    }
    // And before the agency block was read on its own.
    out.agency_lines = encoded.value("agency_lines", json::array()).get<std::vector<std::string>>();
    const json& q = encoded.at("quality");
    QualityRecord& quality = out.quality;
    quality.orientation_degrees = q.at(0).get<int>();
    quality.skew_degrees = q.at(1).get<double>();
    quality.source_dpi = q.at(2).get<double>();
    quality.dpi_estimated = q.at(3).get<bool>();
    quality.mean_confidence = q.at(4).get<double>();
    quality.low_confidence_share = q.at(5).get<double>();
    quality.word_count = q.at(6).get<int>();
    quality.text_from_pdf = q.at(7).get<bool>();
    quality.ocr_timed_out = q.at(8).get<bool>();
    quality.needs_review = q.at(9).get<bool>();
    quality.review_reason = q.at(10).get<std::string>();
    const json& layout = encoded.at("layout");
    page.layout = {layout.at(0).get<bool>(), layout.at(1).get<double>(), layout.at(2).get<int>(),
                   layout.at(3).get<int>()};
    return page;
  } catch (const std::exception& e) {
    return InvalidInput(fmt::format("unreadable journal entry ({})", e.what()));
  }
}

Result<std::string> SettingsDigest(const ocr::OcrOptions& ocr,
                                   const RecognitionSettings& recognition,
                                   const DecodeLimits& limits, const ocr::WriteOptions& write) {
  std::ostringstream settings;
  settings.precision(17);
  settings << kProgramVersion << '\n' << "language " << ocr.language << '\n';
  // A model updated in place (same name, new net) changes the text: hash its bytes.
  fs::path tessdata = ocr.tessdata_dir.empty() ? fs::path("/usr/share/tesseract-ocr/5/tessdata")
                                               : fs::path(ocr.tessdata_dir);
  if (const char* prefix = std::getenv("TESSDATA_PREFIX"); prefix && ocr.tessdata_dir.empty()) {
    tessdata = prefix;
  }
  std::stringstream languages(ocr.language);
  for (std::string language; std::getline(languages, language, '+');) {
    Result<std::string> model = ReadFileBytes(tessdata / (language + ".traineddata"));
    settings << "model " << language << ' ' << (model.ok() ? Sha256Hex(*model) : "?") << '\n';
  }
  const preprocess::CleanOptions& clean = recognition.clean;
  settings << "clean " << clean.target_dpi << ' ' << clean.suppress_colour_ink << ' '
           << clean.normalise_background << ' ' << clean.remove_borders << ' ' << clean.despeckle
           << '\n'
           << "recognise " << recognition.detect_orientation << ' '
           << recognition.orientation_check_below_confidence << ' '
           << recognition.review_below_confidence << ' ' << recognition.review_low_word_share << ' '
           << recognition.review_min_words << '\n'
           << "decode " << limits.pdf_render_dpi << '\n'
           << "write " << write.keep_skew << ' ' << write.icc_profile_path << ' '
           << write.glyphless_font_path << '\n';
  return Sha256Hex(settings.str());
}

std::string ModificationTimeIso(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return "";
  std::tm utc{};
  gmtime_r(&info.st_mtime, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

void CrashPointForTests(const char* point) {
  static const char* wanted = std::getenv("SOHOA_TEST_CRASH_AT");
  if (wanted == nullptr) return;
  std::string spec = wanted;
  int hit_wanted = 1;
  if (size_t colon = spec.find(':'); colon != std::string::npos) {
    hit_wanted = std::atoi(spec.c_str() + colon + 1);
    spec.resize(colon);
  }
  if (spec != point) return;
  static std::atomic<int> hits{0};
  if (hits.fetch_add(1) + 1 >= hit_wanted) ::_exit(137);
}

}  // namespace sohoa::pipeline
