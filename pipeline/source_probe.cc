// ProbeSource: what a file is (by its bytes, never its name), how many pages, its hash.
#include <fmt/format.h>
#include <leptonica/allheaders.h>
#include <tiffio.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <fstream>

#include "common/atomic_file.h"
#include "pipeline/source.h"
#include "pipeline/source_internal.h"

namespace sohoa::pipeline {
namespace internal {
namespace {

bool StartsWith(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

int CaptureTiffMessage(TIFF*, void* user_data, const char* module, const char* format,
                       va_list args) {
  auto* error = static_cast<std::string*>(user_data);
  if (error->empty()) {
    char buffer[512];
    std::vsnprintf(buffer, sizeof(buffer), format, args);
    *error = buffer;
  }
  return 1;  // handled: libtiff must not also print it
}

int IgnoreTiffWarning(TIFF*, void*, const char*, const char*, va_list) { return 1; }

}  // namespace

void PixDeleter::operator()(Pix* pix) const { pixDestroy(&pix); }
void TiffDeleter::operator()(tiff* tif) const { TIFFClose(tif); }

Result<TiffHandle> OpenTiff(const std::filesystem::path& path) {
  TiffHandle handle;
  handle.error = std::make_shared<std::string>();
  std::unique_ptr<TIFFOpenOptions, decltype(&TIFFOpenOptionsFree)> options(TIFFOpenOptionsAlloc(),
                                                                           &TIFFOpenOptionsFree);
  TIFFOpenOptionsSetErrorHandlerExtR(options.get(), &CaptureTiffMessage, handle.error.get());
  TIFFOpenOptionsSetWarningHandlerExtR(options.get(), &IgnoreTiffWarning, nullptr);
  // A hostile header must not make libtiff allocate gigabytes for one tag.
  TIFFOpenOptionsSetMaxSingleMemAlloc(options.get(), 512 << 20);
  handle.tif.reset(TIFFOpenExt(path.c_str(), "rm", options.get()));
  if (!handle.tif) {
    return InvalidInput(fmt::format("corrupt TIFF ({})",
                                    handle.error->empty() ? "unreadable header" : *handle.error));
  }
  return handle;
}

std::string DescribeLeadingBytes(std::string_view head) {
  std::string_view shown = head.substr(0, 8);
  std::string printable, hex;
  for (unsigned char c : shown) {
    printable += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '.';
    hex += fmt::format("{}{:02X}", hex.empty() ? "" : " ", c);
  }
  return fmt::format("starts with '{}' ({})", printable, hex);
}

Result<SourceFormat> SniffFormat(std::string_view head) {
  if (StartsWith(head, "\xFF\xD8\xFF")) return SourceFormat::kJpeg;
  if (StartsWith(head, "\x89PNG\r\n\x1A\n")) return SourceFormat::kPng;
  if (StartsWith(head, std::string_view("II*\0", 4)) ||
      StartsWith(head, std::string_view("MM\0*", 4)) ||
      StartsWith(head, std::string_view("II+\0", 4)) ||  // BigTIFF
      StartsWith(head, std::string_view("MM\0+", 4))) {
    return SourceFormat::kTiff;
  }
  // PDF readers accept junk before the header (some scanners prepend a few bytes).
  if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos) return SourceFormat::kPdf;
  if (StartsWith(head, "BM") && head.size() >= 18) {
    const auto dib_size = static_cast<unsigned char>(head[14]);
    constexpr std::array<int, 6> kDibHeaderSizes = {12, 40, 52, 56, 108, 124};
    if (std::find(kDibHeaderSizes.begin(), kDibHeaderSizes.end(), dib_size) !=
            kDibHeaderSizes.end() &&
        head[15] == 0 && head[16] == 0 && head[17] == 0) {
      return SourceFormat::kBmp;
    }
  }
  if (head.size() >= 3 && head[0] == 'P' && head[1] >= '1' && head[1] <= '7' &&
      std::isspace(static_cast<unsigned char>(head[2]))) {
    return SourceFormat::kPnm;
  }
  if (head.size() >= 12 && StartsWith(head, "RIFF") && head.substr(8, 4) == "WEBP") {
    return SourceFormat::kWebp;
  }
  if (StartsWith(head, std::string_view("\0\0\0\x0CjP  \r\n\x87\n", 12)) ||
      StartsWith(head, "\xFF\x4F\xFF\x51")) {
    return SourceFormat::kJp2;
  }
  return Unsupported(fmt::format("not an image or PDF ({})", DescribeLeadingBytes(head)));
}

Result<JpegFrameInfo> ParseJpegMarkers(std::string_view bytes) {
  JpegFrameInfo info;
  const auto byte_at = [&](size_t i) { return static_cast<unsigned char>(bytes[i]); };
  size_t pos = 2;  // after SOI
  bool found_frame = false;
  while (pos + 4 <= bytes.size()) {
    if (byte_at(pos) != 0xFF) return InvalidInput("corrupt JPEG (bad marker)");
    const unsigned char marker = byte_at(pos + 1);
    if (marker == 0xFF) {  // fill byte
      ++pos;
      continue;
    }
    if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
      pos += 2;
      continue;
    }
    if (marker == 0xD9) break;  // EOI before any scan
    const size_t length = (byte_at(pos + 2) << 8) | byte_at(pos + 3);
    if (length < 2 || pos + 2 + length > bytes.size()) {
      return InvalidInput("truncated JPEG (header segment runs past the end of the file)");
    }
    const bool is_sof =
        marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (is_sof && !found_frame) {
      if (length < 8) return InvalidInput("corrupt JPEG (short frame header)");
      info.height = (byte_at(pos + 5) << 8) | byte_at(pos + 6);
      info.width = (byte_at(pos + 7) << 8) | byte_at(pos + 8);
      info.components = byte_at(pos + 9);
      found_frame = true;
    }
    if (marker == 0xDA) break;  // start of scan: entropy-coded data follows
    pos += 2 + length;
  }
  if (!found_frame) return InvalidInput("corrupt JPEG (no frame header)");
  if (info.width <= 0 || info.height <= 0 ||
      (info.components != 1 && info.components != 3 && info.components != 4)) {
    return InvalidInput(fmt::format("corrupt JPEG (frame {}x{}, {} components)", info.width,
                                    info.height, info.components));
  }
  // Entropy-coded data stuffs every 0xFF with 0x00, so FF D9 there is the real EOI. Writers
  // may pad after it (zeros, a second image in MPO files), so look in the tail, not the last byte.
  constexpr size_t kTailBytes = 64 * 1024;
  const size_t tail_start = bytes.size() > kTailBytes ? bytes.size() - kTailBytes : pos;
  info.has_eoi = bytes.find("\xFF\xD9", std::max(tail_start, pos)) != std::string_view::npos;
  return info;
}

}  // namespace internal

const char* SourceFormatName(SourceFormat format) {
  switch (format) {
    case SourceFormat::kJpeg:
      return "jpeg";
    case SourceFormat::kPng:
      return "png";
    case SourceFormat::kTiff:
      return "tiff";
    case SourceFormat::kPdf:
      return "pdf";
    case SourceFormat::kBmp:
      return "bmp";
    case SourceFormat::kPnm:
      return "pnm";
    case SourceFormat::kWebp:
      return "webp";
    case SourceFormat::kJp2:
      return "jp2";
  }
  return "unknown";
}

bool IsPlausibleDpi(double dpi) {
  // 72 (a common placeholder for "unknown") falls outside the range too.
  return std::isfinite(dpi) && dpi >= 100 && dpi <= 1200;
}

double EstimateDpiFromPaperSize(int width_px, int height_px) {
  if (width_px <= 0 || height_px <= 0) return 0;
  struct Paper {
    double short_mm, long_mm;
  };
  // In order of preference: A4/A3/A5 share one aspect ratio, and Vietnamese official
  // documents are A4, so A4 wins whenever its resolution is plausible.
  constexpr std::array<Paper, 5> kPapers = {{
      {210, 297},      // A4
      {215.9, 279.4},  // Letter
      {215.9, 355.6},  // Legal
      {297, 420},      // A3
      {148, 210},      // A5
  }};
  constexpr double kAspectTolerance = 0.03;
  const double short_px = std::min(width_px, height_px);
  const double long_px = std::max(width_px, height_px);
  for (const Paper& paper : kPapers) {
    const double dpi_short = short_px / (paper.short_mm / 25.4);
    const double dpi_long = long_px / (paper.long_mm / 25.4);
    const double mean = (dpi_short + dpi_long) / 2;
    if (std::abs(dpi_short - dpi_long) / mean > kAspectTolerance) continue;
    if (!IsPlausibleDpi(mean)) continue;
    // Scanners use a handful of resolutions; snap to one when close (2480 px A4 is 300.0).
    constexpr std::array<double, 9> kCommon = {100, 150, 200, 240, 300, 400, 500, 600, 1200};
    for (double common : kCommon) {
      if (std::abs(mean - common) / common <= 0.03) return common;
    }
    return std::round(mean);
  }
  return 0;
}

namespace {

Result<int> CountTiffPages(const std::filesystem::path& path) {
  auto handle = internal::OpenTiff(path);
  if (!handle.ok()) return handle.status();
  const tdir_t count = TIFFNumberOfDirectories(handle->tif.get());
  if (count == 0) {
    return InvalidInput(fmt::format("corrupt TIFF (no image directory{})",
                                    handle->error->empty() ? "" : ": " + *handle->error));
  }
  return static_cast<int>(count);
}

// Checks that a single-image file's header is readable, so a corrupt file fails at probe.
Status CheckImageHeader(const std::filesystem::path& path, SourceFormat format) {
  auto bytes = ReadFileBytes(path);
  if (!bytes.ok()) return bytes.status();
  if (format == SourceFormat::kJpeg) {
    auto frame = internal::ParseJpegMarkers(*bytes);
    if (!frame.ok()) return frame.status();
    if (!frame->has_eoi) return InvalidInput("truncated JPEG (no end-of-image marker)");
    return Status::Ok();
  }
  l_int32 file_format = 0, width = 0, height = 0, bps = 0, spp = 0, has_colormap = 0;
  if (pixReadHeaderMem(reinterpret_cast<const l_uint8*>(bytes->data()), bytes->size(), &file_format,
                       &width, &height, &bps, &spp, &has_colormap) != 0 ||
      width <= 0 || height <= 0) {
    return InvalidInput(fmt::format("corrupt {} header", SourceFormatName(format)));
  }
  return Status::Ok();
}

}  // namespace

Result<SourceInfo> ProbeSource(const std::filesystem::path& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error || !std::filesystem::exists(status)) return NotFound("no such file");
  if (!std::filesystem::is_regular_file(status)) return InvalidInput("not a regular file");
  SourceInfo info;
  info.path = path;
  info.size_bytes = std::filesystem::file_size(path, error);
  if (error) return IoError(fmt::format("cannot read size ({})", error.message()));
  if (info.size_bytes == 0) return InvalidInput("empty file");

  std::string head(1024, '\0');
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) return IoError("cannot open for reading");
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
  }
  auto format = internal::SniffFormat(head);
  if (!format.ok()) return format.status();
  info.format = *format;

  switch (info.format) {
    case SourceFormat::kTiff: {
      auto pages = CountTiffPages(path);
      if (!pages.ok()) return pages.status();
      info.page_count = *pages;
      break;
    }
    case SourceFormat::kPdf: {
      auto pages = internal::CountPdfPages(path);
      if (!pages.ok()) return pages.status();
      info.page_count = *pages;
      break;
    }
    default:
      SOHOA_RETURN_IF_ERROR(CheckImageHeader(path, info.format));
      info.page_count = 1;
  }

  auto sha = internal::Sha256HexOfFile(path);
  if (!sha.ok()) return sha.status();
  info.sha256 = std::move(*sha);
  return info;
}

}  // namespace sohoa::pipeline
