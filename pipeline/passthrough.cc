// EncodedImageForPage: the scan's bytes as they go into the output PDF. JPEG files pass
// through unchanged, CCITT G4 TIFF strips pass through raw, JPEG-in-TIFF (one strip or many)
// is rebuilt into a standalone JPEG without recompression, 8-bit PNG keeps its IDAT stream;
// other bilevel images become G4, the rest lossless Flate.
#include <fmt/format.h>
#include <leptonica/allheaders.h>
#include <tiffio.h>

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <string_view>
#include <vector>

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

Result<std::string> ReadRawStrip(TIFF* tif, uint32_t strip_index) {
  uint64_t* byte_counts = nullptr;
  if (!TIFFGetField(tif, TIFFTAG_STRIPBYTECOUNTS, &byte_counts) || byte_counts == nullptr ||
      byte_counts[strip_index] == 0 || byte_counts[strip_index] > (1u << 30)) {
    return InvalidInput("corrupt TIFF (bad strip byte count)");
  }
  std::string raw(byte_counts[strip_index], '\0');
  const tmsize_t got =
      TIFFReadRawStrip(tif, strip_index, raw.data(), static_cast<tmsize_t>(raw.size()));
  if (got <= 0) return InvalidInput("truncated TIFF (strip data missing)");
  raw.resize(static_cast<size_t>(got));
  return raw;
}

// One strip of a JPEG-compressed TIFF, split at its markers.
struct JpegStripParts {
  std::string header_segments;  // every segment between SOI and SOS except the SOF
  std::string frame;            // the SOF segment
  std::string scan_header;      // the SOS segment
  std::string_view entropy_data;
  int frame_height = 0;
};

unsigned Byte(std::string_view bytes, size_t i) { return static_cast<unsigned char>(bytes[i]); }

Result<JpegStripParts> SplitJpegStrip(std::string_view strip) {
  if (strip.size() < 6 || Byte(strip, 0) != 0xFF || Byte(strip, 1) != 0xD8) {
    return Unsupported("strip is not a JPEG stream");
  }
  JpegStripParts parts;
  size_t pos = 2;
  while (true) {
    if (pos + 4 > strip.size() || Byte(strip, pos) != 0xFF) {
      return Unsupported("strip has no scan");
    }
    const unsigned marker = Byte(strip, pos + 1);
    const size_t length = (Byte(strip, pos + 2) << 8) | Byte(strip, pos + 3);
    if (length < 2 || pos + 2 + length > strip.size()) return Unsupported("bad JPEG segment");
    const std::string_view segment = strip.substr(pos, 2 + length);
    pos += 2 + length;
    if (marker == 0xC0 || marker == 0xC1) {  // baseline / extended sequential, Huffman
      if (length < 8) return Unsupported("short JPEG frame header");
      parts.frame = segment;
      parts.frame_height = static_cast<int>((Byte(segment, 5) << 8) | Byte(segment, 6));
    } else if (marker == 0xDA) {
      parts.scan_header = segment;
      break;
    } else if ((marker >= 0xC2 && marker <= 0xCF && marker != 0xC4 && marker != 0xCC) ||
               marker == 0xDD) {
      return Unsupported("progressive, arithmetic or restart-coded JPEG strip");
    } else {
      parts.header_segments += segment;
    }
  }
  if (parts.frame.empty()) return Unsupported("JPEG strip has no baseline frame header");
  size_t end = strip.rfind("\xFF\xD9");
  if (end == std::string_view::npos || end < pos) return Unsupported("JPEG strip has no EOI");
  parts.entropy_data = strip.substr(pos, end - pos);
  // Only stuffed bytes (FF 00) may occur in the data: no restart or other markers.
  for (size_t i = parts.entropy_data.find('\xFF'); i != std::string_view::npos;
       i = parts.entropy_data.find('\xFF', i + 2)) {
    if (i + 1 >= parts.entropy_data.size() || Byte(parts.entropy_data, i + 1) != 0x00) {
      return Unsupported("marker inside a JPEG strip's scan data");
    }
  }
  return parts;
}

// Entropy-coded data is byte-aligned at the end of each strip and every strip starts with
// its DC predictors at zero, which is exactly what a restart marker does. So strips that
// share their tables and hold a whole number of MCU rows join losslessly into one frame of
// the full height with a restart interval of one strip: the same coefficients, bit for bit.
Result<std::string> JoinJpegStrips(const std::vector<std::string>& strips, int width, int height,
                                   int rows_per_strip) {
  std::vector<JpegStripParts> parts;
  parts.reserve(strips.size());
  for (const std::string& strip : strips) {
    auto split = SplitJpegStrip(strip);
    if (!split.ok()) return split.status();
    parts.push_back(std::move(*split));
  }
  const JpegStripParts& first = parts.front();
  const std::string_view frame = first.frame;
  const int components = static_cast<int>(Byte(frame, 9));
  if (frame.size() < 10 + 3u * components || components < 1) {
    return Unsupported("bad JPEG frame header");
  }
  int max_h = 1, max_v = 1;
  for (int c = 0; c < components; ++c) {
    max_h = std::max<int>(max_h, Byte(frame, 11 + 3 * c) >> 4);
    max_v = std::max<int>(max_v, Byte(frame, 11 + 3 * c) & 15);
  }
  const int mcu_width = components == 1 ? 8 : 8 * max_h;
  const int mcu_height = components == 1 ? 8 : 8 * max_v;
  const long mcus_per_strip =
      static_cast<long>(rows_per_strip / mcu_height) * ((width + mcu_width - 1) / mcu_width);
  if (parts.size() > 1 &&
      (rows_per_strip % mcu_height != 0 || mcus_per_strip <= 0 || mcus_per_strip > 65535)) {
    return Unsupported("JPEG strips do not hold whole MCU rows");
  }
  for (size_t i = 0; i < parts.size(); ++i) {
    const JpegStripParts& part = parts[i];
    const int rows = std::min(rows_per_strip, height - static_cast<int>(i) * rows_per_strip);
    if (part.frame_height != rows || part.frame.size() != frame.size() ||
        part.frame.compare(7, std::string::npos, frame.substr(7)) != 0 ||
        part.frame.compare(0, 5, frame.substr(0, 5)) != 0 ||
        part.header_segments != first.header_segments || part.scan_header != first.scan_header) {
      return Unsupported("JPEG strips differ in tables or frame");
    }
  }
  std::string frame_full(frame);
  frame_full[5] = static_cast<char>((height >> 8) & 0xFF);
  frame_full[6] = static_cast<char>(height & 0xFF);
  std::string jpeg = first.header_segments + frame_full;
  if (parts.size() > 1) {
    jpeg += "\xFF\xDD";
    jpeg += std::string{'\0', '\4', static_cast<char>((mcus_per_strip >> 8) & 0xFF),
                        static_cast<char>(mcus_per_strip & 0xFF)};
  }
  jpeg += first.scan_header;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) jpeg += std::string{'\xFF', static_cast<char>(0xD0 + (i - 1) % 8)};
    jpeg += parts[i].entropy_data;
  }
  jpeg += "\xFF\xD9";
  return jpeg;
}

// A JPEG-compressed TIFF page holds abbreviated JPEG streams, one per strip; with the
// JPEGTables (SOI, DQT, DHT, EOI) in front of the strips joined as above it becomes a
// complete JPEG file, bit for bit the same image. Returns an error when the page does not fit
// that pattern (the caller falls back).
Result<EncodedImage> RebuildJpegFromTiff(TIFF* tif, int width, int height, int samples,
                                         int photometric) {
  if (TIFFIsTiled(tif)) return Unsupported("tiled JPEG-in-TIFF");
  // PDF readers apply the YCbCr transform to 3-component JPEGs: RGB-coded ones would need
  // /ColorTransform 0, which EncodedImage cannot express.
  if (samples == 3 && photometric != PHOTOMETRIC_YCBCR) return Unsupported("RGB-coded JPEG");
  uint32_t rows_per_strip = 0;
  TIFFGetFieldDefaulted(tif, TIFFTAG_ROWSPERSTRIP, &rows_per_strip);
  const uint32_t strip_count = TIFFNumberOfStrips(tif);
  if (strip_count == 0 || strip_count > 65536) return Unsupported("JPEG-in-TIFF strip count");
  if (strip_count == 1) rows_per_strip = static_cast<uint32_t>(height);
  std::vector<std::string> strips;
  strips.reserve(strip_count);
  for (uint32_t i = 0; i < strip_count; ++i) {
    auto strip = ReadRawStrip(tif, i);
    if (!strip.ok()) return strip.status();
    strips.push_back(std::move(*strip));
  }
  auto joined = JoinJpegStrips(strips, width, height, static_cast<int>(rows_per_strip));
  if (!joined.ok()) return joined.status();
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
  jpeg += *joined;
  auto encoded = EncodeJpegFile(jpeg);
  if (!encoded.ok()) return encoded.status();
  if (encoded->width != width || encoded->height != height) {
    return Unsupported("JPEG frame size differs from the TIFF page size");
  }
  return encoded;
}

// PNG keeps its IDAT data: a zlib stream of rows that each start with a filter-type byte,
// which is what PDF's Flate filter reads with /Predictor 15. Only 8-bit grey or RGB,
// non-interlaced, without transparency; the rest is decoded and re-encoded.
Result<EncodedImage> PassPngThrough(const std::string& png) {
  constexpr std::string_view kSignature("\x89PNG\r\n\x1a\n", 8);
  if (png.size() < 8 || std::string_view(png).substr(0, 8) != kSignature) {
    return Unsupported("not a PNG signature");
  }
  const auto be32 = [&png](size_t at) {
    return (Byte(png, at) << 24) | (Byte(png, at + 1) << 16) | (Byte(png, at + 2) << 8) |
           Byte(png, at + 3);
  };
  EncodedImage image;
  image.encoding = EncodedImage::Encoding::kFlate;
  image.png_predictors = true;
  image.bits_per_component = 8;
  bool has_header = false, has_end = false;
  size_t pos = 8;
  while (pos + 12 <= png.size()) {
    const size_t length = be32(pos);
    const std::string_view type = std::string_view(png).substr(pos + 4, 4);
    if (length > png.size() - pos - 12) return InvalidInput("truncated PNG chunk");
    const size_t data = pos + 8;
    if (type == "IHDR") {
      if (length < 13) return InvalidInput("corrupt PNG header");
      image.width = static_cast<int>(be32(data));
      image.height = static_cast<int>(be32(data + 4));
      const unsigned depth = Byte(png, data + 8), colour = Byte(png, data + 9);
      const unsigned interlace = Byte(png, data + 12);
      if (depth != 8 || (colour != 0 && colour != 2) || interlace != 0) {
        return Unsupported("PNG is not 8-bit grey/RGB without interlace");
      }
      image.components = colour == 2 ? 3 : 1;
      has_header = true;
    } else if (type == "tRNS") {
      return Unsupported("PNG with transparency");
    } else if (type == "IDAT") {
      image.data.append(png, data, length);
    } else if (type == "IEND") {
      has_end = true;
      break;
    }
    pos = data + length + 4;
  }
  if (!has_header || !has_end || image.data.empty()) return InvalidInput("truncated PNG");
  SOHOA_RETURN_IF_ERROR(CheckSize(image.width, image.height));
  return image;
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
    auto strip = ReadRawStrip(tif, 0);
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
    if (source.format == SourceFormat::kPng) {
      auto passed = internal::PassPngThrough(*bytes);
      if (passed.ok() || passed.status().code() != StatusCode::kUnsupported) return passed;
    }
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
