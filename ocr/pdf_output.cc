#include "ocr/pdf_output.h"

#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <mutex>
#include <qpdf/Pl_Flate.hh>
#include <qpdf/QPDFWriter.hh>

#include "ocr/pdf_geometry.h"

namespace sohoa::ocr {
namespace {

Result<std::string> ReadWholeFile(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(fmt::format("cannot read {}: {}", what, path));
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (bytes.empty()) return InvalidInput(fmt::format("{} is empty: {}", what, path));
  return bytes;
}

}  // namespace

Result<EmbeddedFiles> LoadEmbeddedFiles(const WriteOptions& options) {
  Result<std::string> font = ReadWholeFile(options.glyphless_font_path, "GlyphLessFont");
  if (!font.ok()) return font.status();
  Result<std::string> icc = ReadWholeFile(options.icc_profile_path, "ICC profile");
  if (!icc.ok()) return icc.status();
  Result<std::string> gray_icc = ReadWholeFile(options.gray_icc_profile_path, "grey ICC profile");
  if (!gray_icc.ok()) return gray_icc.status();
  return EmbeddedFiles{std::move(*font), std::move(*icc), std::move(*gray_icc)};
}

QPDFObjectHandle PageBox(double width_pt, double height_pt) {
  return QPDFObjectHandle::newArray({QPDFObjectHandle::newInteger(0),
                                     QPDFObjectHandle::newInteger(0),
                                     QPDFObjectHandle::newReal(PdfNumber(width_pt)),
                                     QPDFObjectHandle::newReal(PdfNumber(height_pt))});
}

void UseBestFlateLevel() {
  static std::once_flag level_set;
  std::call_once(level_set, [] { Pl_Flate::setCompressionLevel(9); });
}

Status WriteDeterministic(QPDF& pdf, const std::filesystem::path& path,
                          const std::shared_ptr<Status>& stream_error) {
  const auto stored_error = [&] { return stream_error != nullptr && !stream_error->ok(); };
  try {
    QPDFWriter writer(pdf, path.c_str());
    writer.setDeterministicID(true);
    // PDF/A-2 is based on PDF 1.7; the header must not say more, nor need it say less.
    writer.setMinimumPDFVersion("1.7");
    // Small G4 pages make the text layer and the fixed PDF/A parts a visible share of the
    // file: compress what qpdf writes at the best level and pack objects into object streams
    // (allowed by PDF/A-2). Streams that already have a filter (the scans) are left untouched.
    UseBestFlateLevel();
    writer.setCompressStreams(true);
    writer.setRecompressFlate(false);
    writer.setObjectStreamMode(qpdf_o_generate);
    writer.write();
  } catch (const std::exception& e) {
    if (stored_error()) return *stream_error;
    return IoError(fmt::format("writing {} failed: {}", path.string(), e.what()));
  }
  if (stored_error()) return *stream_error;
  return Status::Ok();
}

}  // namespace sohoa::ocr
