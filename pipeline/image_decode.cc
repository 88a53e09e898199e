// DecodePage for image files (JPEG, PNG, TIFF, BMP, PNM, WebP, JP2) through Leptonica, and the
// DecodePage entry point that dispatches by format.
#include <fmt/format.h>
#include <leptonica/allheaders.h>

#include <bit>
#include <cmath>
#include <exception>
#include <opencv2/core.hpp>

#include "common/atomic_file.h"
#include "pipeline/source.h"
#include "pipeline/source_internal.h"

namespace sohoa::pipeline {
namespace internal {
namespace {

static_assert(std::endian::native == std::endian::little,
              "PixToMat assumes Leptonica's word layout on a little-endian machine");

const l_uint8* AsBytes(const std::string& bytes) {
  return reinterpret_cast<const l_uint8*>(bytes.data());
}

Status CheckPixelLimit(int width, int height, const DecodeLimits& limits) {
  const std::int64_t pixels = static_cast<std::int64_t>(width) * height;
  if (pixels > limits.max_pixels) {
    return ResourceLimit(fmt::format("image is {}x{} px ({:.0f} Mpx), over the {:.0f} Mpx limit",
                                     width, height, pixels / 1e6, limits.max_pixels / 1e6));
  }
  return Status::Ok();
}

// Reads the page's size from its header only, so oversized pages are refused undecoded.
Status CheckHeader(const std::string& bytes, SourceFormat format, int page_index,
                   const DecodeLimits& limits) {
  l_int32 width = 0, height = 0, bps = 0, spp = 0, has_colormap = 0, file_format = 0, res = 0;
  l_int32 failed = 0;
  if (format == SourceFormat::kTiff) {
    failed = readHeaderMemTiff(AsBytes(bytes), bytes.size(), page_index, &width, &height, &bps,
                               &spp, &res, &has_colormap, &file_format);
  } else {
    failed = pixReadHeaderMem(AsBytes(bytes), bytes.size(), &file_format, &width, &height, &bps,
                              &spp, &has_colormap);
  }
  if (failed != 0 || width <= 0 || height <= 0) {
    return InvalidInput(fmt::format("corrupt {} header", SourceFormatName(format)));
  }
  return CheckPixelLimit(width, height, limits);
}

Result<PixPtr> ReadPix(const std::string& bytes, SourceFormat format, int page_index) {
  PixPtr pix;
  if (format == SourceFormat::kJpeg) {
    auto frame = ParseJpegMarkers(bytes);
    if (!frame.ok()) return frame.status();
    if (!frame->has_eoi) return InvalidInput("truncated JPEG (no end-of-image marker)");
    l_int32 warnings = 0;
    // Default hint: fail on corrupt data. libjpeg only *warns* on a premature end (it pads
    // the image with grey), so warnings count as damage too.
    pix.reset(pixReadMemJpeg(AsBytes(bytes), bytes.size(), 0, 1, &warnings, 0));
    if (!pix) return InvalidInput("corrupt JPEG data");
    if (warnings > 0) {
      return InvalidInput(fmt::format("truncated or corrupt JPEG data ({} decoder warning{})",
                                      warnings, warnings == 1 ? "" : "s"));
    }
    return pix;
  }
  if (format == SourceFormat::kTiff) {
    pix.reset(pixReadMemTiff(AsBytes(bytes), bytes.size(), page_index));
  } else {
    pix.reset(pixReadMem(AsBytes(bytes), bytes.size()));
  }
  if (!pix) {
    return InvalidInput(fmt::format("corrupt or truncated {} data", SourceFormatName(format)));
  }
  return pix;
}

}  // namespace

Result<cv::Mat> PixToMat(Pix* source, bool* bilevel) {
  *bilevel = false;
  PixPtr owned(pixClone(source));
  if (pixGetColormap(owned.get()) != nullptr) {
    if (pixGetDepth(owned.get()) == 1) *bilevel = true;
    owned.reset(pixRemoveColormap(owned.get(), REMOVE_CMAP_BASED_ON_SRC));
    if (!owned) return Internal("cannot remove colormap");
  }
  switch (pixGetDepth(owned.get())) {
    case 1:
      *bilevel = true;
      owned.reset(pixConvert1To8(nullptr, owned.get(), 255, 0));  // Leptonica: 1 is black
      break;
    case 2:
    case 4:
      owned.reset(pixConvertTo8(owned.get(), 0));
      break;
    case 8:
      break;
    case 16:
      owned.reset(pixConvert16To8(owned.get(), L_MS_BYTE));
      break;
    case 24:
      owned.reset(pixConvert24To32(owned.get()));
      break;
    case 32:
      break;
    default:
      return Unsupported(fmt::format("{}-bit images are not supported", pixGetDepth(owned.get())));
  }
  if (!owned) return Internal("pixel depth conversion failed");
  if (pixGetDepth(owned.get()) == 32 && pixGetSpp(owned.get()) == 4) {
    owned.reset(pixAlphaBlendUniform(owned.get(), 0xffffff00));  // transparent = white paper
    if (!owned) return Internal("alpha blending failed");
  }

  const int width = pixGetWidth(owned.get());
  const int height = pixGetHeight(owned.get());
  const size_t stride = static_cast<size_t>(pixGetWpl(owned.get())) * 4;
  if (pixGetDepth(owned.get()) == 8) {
    // Leptonica packs bytes big-endian within 32-bit words; swapping gives raster order.
    PixPtr swapped(pixEndianByteSwapNew(owned.get()));
    if (!swapped) return Internal("byte swap failed");
    cv::Mat wrapped(height, width, CV_8UC1, pixGetData(swapped.get()), stride);
    return wrapped.clone();
  }
  // 32 bpp words are 0xRRGGBBAA: in little-endian memory the bytes are A, B, G, R.
  cv::Mat wrapped(height, width, CV_8UC4, pixGetData(owned.get()), stride);
  cv::Mat bgr(height, width, CV_8UC3);
  constexpr int kFromTo[] = {1, 0, 2, 1, 3, 2};
  cv::mixChannels(&wrapped, 1, &bgr, 1, kFromTo, 3);
  return bgr;
}

Result<DecodedPage> DecodeImagePage(const SourceInfo& source, int page_index,
                                    const DecodeLimits& limits) {
  auto bytes = ReadFileBytes(source.path);
  if (!bytes.ok()) return bytes.status();
  if (bytes->empty()) return InvalidInput("empty file");
  SOHOA_RETURN_IF_ERROR(CheckHeader(*bytes, source.format, page_index, limits));
  auto pix = ReadPix(*bytes, source.format, page_index);
  if (!pix.ok()) return pix.status();
  // Some codecs report a different size than the header said; check what we really got.
  SOHOA_RETURN_IF_ERROR(CheckPixelLimit(pixGetWidth(pix->get()), pixGetHeight(pix->get()), limits));

  DecodedPage page;
  auto pixels = PixToMat(pix->get(), &page.bilevel);
  if (!pixels.ok()) return pixels.status();
  page.pixels = std::move(*pixels);

  const double x_res = pixGetXRes(pix->get());
  const double y_res = pixGetYRes(pix->get());
  const double file_dpi = y_res > 0 ? (x_res + y_res) / 2 : x_res;
  if (IsPlausibleDpi(file_dpi)) {
    page.dpi = file_dpi;
  } else {
    const double estimated = EstimateDpiFromPaperSize(page.pixels.cols, page.pixels.rows);
    page.dpi = estimated > 0 ? estimated : 300;
    page.dpi_estimated = true;
  }
  return page;
}

}  // namespace internal

Result<DecodedPage> DecodePage(const SourceInfo& source, int page_index,
                               const DecodeLimits& limits) {
  if (page_index < 0 || page_index >= source.page_count) {
    return InvalidInput(
        fmt::format("page {} out of range (document has {})", page_index + 1, source.page_count));
  }
  try {
    if (source.format == SourceFormat::kPdf) {
      return internal::DecodePdfPage(source, page_index, limits);
    }
    return internal::DecodeImagePage(source, page_index, limits);
  } catch (const std::bad_alloc&) {
    return ResourceLimit(fmt::format("out of memory decoding page {}", page_index + 1));
  } catch (const std::exception& e) {
    return Internal(fmt::format("decoding page {} failed ({})", page_index + 1, e.what()));
  }
}

}  // namespace sohoa::pipeline
