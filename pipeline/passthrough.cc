// EncodedImageForPage: the scan's bytes as they go into the output PDF. JPEG files pass
// through unchanged, CCITT G4 TIFF strips pass through raw, JPEG-in-TIFF is rebuilt into a
// standalone JPEG without recompression; bilevel images become G4, the rest lossless Flate.
#include <fmt/format.h>
#include <leptonica/allheaders.h>
#include <tiffio.h>

#include <opencv2/imgproc.hpp>

#include "common/atomic_file.h"
#include "pipeline/source.h"
#include "pipeline/source_internal.h"

namespace sohoa::pipeline {
namespace internal {
namespace {

using ocr::EncodedImage;

struct CompressedDataDeleter {
  void operator()(L_COMP_DATA* cid) const { l_CIDataDestroy(&cid); }
};

const l_uint8* AsBytes(const std::string& bytes) {
  return reinterpret_cast<const l_uint8*>(bytes.data());
}

Result<EncodedImage> EncodeG4(Pix* bilevel) {
  L_COMP_DATA* raw_cid = nullptr;
  if (pixGenerateCIData(bilevel, L_G4_ENCODE, 0, 0, &raw_cid) != 0 || raw_cid == nullptr) {
    return Internal("G4 encoding failed");
  }
  std::unique_ptr<L_COMP_DATA, CompressedDataDeleter> cid(raw_cid);
  EncodedImage image;
  image.encoding = EncodedImage::Encoding::kCcittG4;
  image.data.assign(reinterpret_cast<const char*>(cid->datacomp), cid->nbytescomp);
  image.width = cid->w;
  image.height = cid->h;
  image.components = 1;
  image.bits_per_component = 1;
  // Leptonica writes its G4 as a MINISWHITE TIFF: code "white" runs are white pixels.
  image.black_is_1 = cid->minisblack != 0;
  return image;
}

Result<EncodedImage> EncodeFlate(Pix* pix) {
  bool bilevel = false;
  auto pixels = PixToMat(pix, &bilevel);
  if (!pixels.ok()) return pixels.status();
  cv::Mat samples = *pixels;
  if (samples.channels() == 3) cv::cvtColor(samples, samples, cv::COLOR_BGR2RGB);
  if (!samples.isContinuous()) samples = samples.clone();
  size_t compressed_size = 0;
  l_uint8* compressed =
      zlibCompress(samples.data, samples.total() * samples.elemSize(), &compressed_size);
  if (compressed == nullptr) return Internal("Flate compression failed");
  EncodedImage image;
  image.encoding = EncodedImage::Encoding::kFlate;
  image.data.assign(reinterpret_cast<const char*>(compressed), compressed_size);
  lept_free(compressed);
  image.width = samples.cols;
  image.height = samples.rows;
  image.components = samples.channels();
  image.bits_per_component = 8;
  return image;
}

// Bilevel images go in as G4, everything else as Flate, from Leptonica's decode.
Result<EncodedImage> EncodeDecodedPix(Pix* pix) {
  if (pixGetDepth(pix) == 1) {
    PixPtr bilevel(pixGetColormap(pix) ? pixRemoveColormap(pix, REMOVE_CMAP_TO_BINARY)
                                       : pixClone(pix));
    if (bilevel && pixGetDepth(bilevel.get()) == 1) return EncodeG4(bilevel.get());
  }
  return EncodeFlate(pix);
}

Status CheckSize(int width, int height) {
  const std::int64_t pixels = static_cast<std::int64_t>(width) * height;
  if (pixels > DecodeLimits{}.max_pixels) {
    return ResourceLimit(fmt::format("image is {}x{} px, over the pixel limit", width, height));
  }
  return Status::Ok();
}

Result<EncodedImage> EncodeJpegFile(const std::string& bytes) {
  auto frame = ParseJpegMarkers(bytes);
  if (!frame.ok()) return frame.status();
  if (!frame->has_eoi) return InvalidInput("truncated JPEG (no end-of-image marker)");
  EncodedImage image;
  image.encoding = EncodedImage::Encoding::kJpeg;
  image.data = bytes;
  image.width = frame->width;
  image.height = frame->height;
  image.components = frame->components;
  image.bits_per_component = 8;
  return image;
}

Result<std::string> ReadRawStrip(TIFF* tif) {
  uint64_t* byte_counts = nullptr;
  if (!TIFFGetField(tif, TIFFTAG_STRIPBYTECOUNTS, &byte_counts) || byte_counts == nullptr ||
      byte_counts[0] == 0 || byte_counts[0] > (1u << 30)) {
    return InvalidInput("corrupt TIFF (bad strip byte count)");
  }
  std::string raw(byte_counts[0], '\0');
  const tmsize_t got = TIFFReadRawStrip(tif, 0, raw.data(), static_cast<tmsize_t>(raw.size()));
  if (got <= 0) return InvalidInput("truncated TIFF (strip data missing)");
  raw.resize(static_cast<size_t>(got));
  return raw;
}

// A single-strip JPEG-compressed TIFF page holds an abbreviated JPEG stream; with the
// JPEGTables (SOI, DQT, DHT, EOI) in front it becomes a complete JPEG file, bit for bit the
// same image. Returns an error when the page does not fit that pattern (the caller falls back).
Result<EncodedImage> RebuildJpegFromTiff(TIFF* tif, int width, int height, int samples,
                                         int photometric) {
  if (TIFFIsTiled(tif) || TIFFNumberOfStrips(tif) != 1) {
    return Unsupported("JPEG-in-TIFF with several strips or tiles");
  }
  // PDF readers apply the YCbCr transform to 3-component JPEGs: RGB-coded ones would need
  // /ColorTransform 0, which EncodedImage cannot express.
  if (samples == 3 && photometric != PHOTOMETRIC_YCBCR) return Unsupported("RGB-coded JPEG");
  auto strip = ReadRawStrip(tif);
  if (!strip.ok()) return strip.status();
  if (strip->size() < 4 || strip->compare(0, 2, "\xFF\xD8") != 0) {
    return Unsupported("strip is not a JPEG stream");
  }
  std::string jpeg = "\xFF\xD8";
  uint32_t table_size = 0;
  void* tables = nullptr;
  if (TIFFGetField(tif, TIFFTAG_JPEGTABLES, &table_size, &tables) && tables != nullptr &&
      table_size > 4) {
    std::string_view table_bytes(static_cast<const char*>(tables), table_size);
    // Drop the tables' own SOI and EOI.
    if (table_bytes.substr(0, 2) == "\xFF\xD8") table_bytes.remove_prefix(2);
    if (table_bytes.size() >= 2 && table_bytes.substr(table_bytes.size() - 2) == "\xFF\xD9") {
      table_bytes.remove_suffix(2);
    }
    jpeg += table_bytes;
  }
  jpeg.append(*strip, 2, std::string::npos);
  auto encoded = EncodeJpegFile(jpeg);
  if (!encoded.ok()) return encoded.status();
  // libtiff may pad the last strip's frame height; the PDF needs the real size.
  if (encoded->width != width || encoded->height != height) {
    return Unsupported("JPEG frame size differs from the TIFF page size");
  }
  return encoded;
}

Result<EncodedImage> EncodeTiffPage(const SourceInfo& source, int page_index) {
  auto handle = OpenTiff(source.path);
  if (!handle.ok()) return handle.status();
  TIFF* tif = handle->tif.get();
  if (!TIFFSetDirectory(tif, static_cast<tdir_t>(page_index))) {
    return InvalidInput(fmt::format("corrupt TIFF (page {} unreadable)", page_index + 1));
  }
  uint32_t width = 0, height = 0;
  uint16_t compression = COMPRESSION_NONE, photometric = PHOTOMETRIC_MINISWHITE;
  uint16_t bits = 1, samples = 1, fill_order = FILLORDER_MSB2LSB;
  TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &width);
  TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &height);
  TIFFGetFieldDefaulted(tif, TIFFTAG_COMPRESSION, &compression);
  TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photometric);
  TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &bits);
  TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &samples);
  TIFFGetFieldDefaulted(tif, TIFFTAG_FILLORDER, &fill_order);
  if (width == 0 || height == 0) return InvalidInput("corrupt TIFF (no image size)");
  SOHOA_RETURN_IF_ERROR(CheckSize(static_cast<int>(width), static_cast<int>(height)));

  if (compression == COMPRESSION_CCITTFAX4 && bits == 1 && samples == 1 && !TIFFIsTiled(tif) &&
      TIFFNumberOfStrips(tif) == 1) {
    auto strip = ReadRawStrip(tif);
    if (!strip.ok()) return strip.status();
    if (fill_order == FILLORDER_LSB2MSB) {  // PDF's CCITT filter reads bits MSB first
      TIFFReverseBits(reinterpret_cast<uint8_t*>(strip->data()),
                      static_cast<tmsize_t>(strip->size()));
    }
    EncodedImage image;
    image.encoding = EncodedImage::Encoding::kCcittG4;
    image.data = std::move(*strip);
    image.width = static_cast<int>(width);
    image.height = static_cast<int>(height);
    image.components = 1;
    image.bits_per_component = 1;
    // The codec codes 0 bits as "white" runs; in a MINISBLACK page those are black pixels.
    image.black_is_1 = photometric == PHOTOMETRIC_MINISBLACK;
    return image;
  }
  if (compression == COMPRESSION_JPEG) {
    auto rebuilt = RebuildJpegFromTiff(tif, static_cast<int>(width), static_cast<int>(height),
                                       samples, photometric);
    if (rebuilt.ok()) return rebuilt;
    // Otherwise decode and store losslessly below.
  }
  handle->tif.reset();  // Leptonica reads the file itself

  auto bytes = ReadFileBytes(source.path);
  if (!bytes.ok()) return bytes.status();
  PixPtr pix(pixReadMemTiff(AsBytes(*bytes), bytes->size(), page_index));
  if (!pix) return InvalidInput("corrupt or truncated tiff data");
  return EncodeDecodedPix(pix.get());
}

}  // namespace
}  // namespace internal

Result<ocr::EncodedImage> EncodedImageForPage(const SourceInfo& source, int page_index) {
  if (source.format == SourceFormat::kPdf) {
    return Unsupported("PDF pages are grafted, not re-imaged");
  }
  if (page_index < 0 || page_index >= source.page_count) {
    return InvalidInput(
        fmt::format("page {} out of range (document has {})", page_index + 1, source.page_count));
  }
  try {
    if (source.format == SourceFormat::kTiff) return internal::EncodeTiffPage(source, page_index);
    auto bytes = ReadFileBytes(source.path);
    if (!bytes.ok()) return bytes.status();
    if (source.format == SourceFormat::kJpeg) return internal::EncodeJpegFile(*bytes);
    l_int32 file_format = 0, width = 0, height = 0, bps = 0, spp = 0, has_colormap = 0;
    if (pixReadHeaderMem(internal::AsBytes(*bytes), bytes->size(), &file_format, &width, &height,
                         &bps, &spp, &has_colormap) != 0) {
      return InvalidInput(fmt::format("corrupt {} header", SourceFormatName(source.format)));
    }
    SOHOA_RETURN_IF_ERROR(internal::CheckSize(width, height));
    internal::PixPtr pix(pixReadMem(internal::AsBytes(*bytes), bytes->size()));
    if (!pix) {
      return InvalidInput(
          fmt::format("corrupt or truncated {} data", SourceFormatName(source.format)));
    }
    return internal::EncodeDecodedPix(pix.get());
  } catch (const std::bad_alloc&) {
    return ResourceLimit("out of memory encoding the page image");
  } catch (const std::exception& e) {
    return Internal(fmt::format("encoding the page image failed ({})", e.what()));
  }
}

}  // namespace sohoa::pipeline
