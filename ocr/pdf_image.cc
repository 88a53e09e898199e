#include "ocr/pdf_image.h"

#include <fmt/format.h>

#include <qpdf/Pipeline.hh>
#include <stdexcept>

namespace sohoa::ocr {
namespace {

bool SameHeader(const EncodedImage& a, const EncodedImage& b) {
  return a.encoding == b.encoding && a.width == b.width && a.height == b.height &&
         a.components == b.components && a.bits_per_component == b.bits_per_component &&
         a.black_is_1 == b.black_is_1 && a.png_predictors == b.png_predictors;
}

const char* ColorSpaceName(int components) {
  switch (components) {
    case 3:
      return "/DeviceRGB";
    case 4:
      return "/DeviceCMYK";
    default:
      return "/DeviceGray";
  }
}

}  // namespace

Status CheckImageHeader(const EncodedImage& image) {
  if (image.width <= 0 || image.height <= 0) return InvalidInput("image has no pixels");
  if (image.data.empty()) return InvalidInput("image has no data");
  if (image.components != 1 && image.components != 3 && image.components != 4) {
    return Unsupported(fmt::format("image has {} colour components", image.components));
  }
  switch (image.encoding) {
    case EncodedImage::Encoding::kJpeg:
      if (image.bits_per_component != 8) return Unsupported("JPEG sample depth is not 8 bits");
      break;
    case EncodedImage::Encoding::kCcittG4:
      if (image.components != 1 || image.bits_per_component != 1) {
        return InvalidInput("CCITT G4 image must be 1 component of 1 bit");
      }
      break;
    case EncodedImage::Encoding::kFlate: {
      const int bits = image.bits_per_component;
      if (bits != 1 && bits != 2 && bits != 4 && bits != 8 && bits != 16) {
        return Unsupported(fmt::format("flate image has {} bits per component", bits));
      }
      if (image.components == 4) return Unsupported("flate CMYK images are not supported");
      break;
    }
  }
  return Status::Ok();
}

bool JpegHasAdobeMarker(std::string_view jpeg) {
  // Walks the marker segments before the scan data; APP14 (FFEE) starting "Adobe".
  size_t pos = 2;
  while (pos + 4 <= jpeg.size()) {
    if (static_cast<unsigned char>(jpeg[pos]) != 0xFF) return false;
    const auto marker = static_cast<unsigned char>(jpeg[pos + 1]);
    if (marker == 0xFF) {  // fill byte
      ++pos;
      continue;
    }
    if (marker == 0xDA || marker == 0xD9) return false;  // start of scan / end of image
    const size_t length = (static_cast<unsigned char>(jpeg[pos + 2]) << 8) |
                          static_cast<unsigned char>(jpeg[pos + 3]);
    if (marker == 0xEE && length >= 7 && jpeg.substr(pos + 4, 5) == "Adobe") return true;
    pos += 2 + length;
  }
  return false;
}

QPDFObjectHandle AddLazyImage(QPDF& pdf, const ImageSupplier& images, int page_index,
                              const EncodedImage& sample, std::shared_ptr<Status> write_error) {
  QPDFObjectHandle image = QPDFObjectHandle::newStream(&pdf);
  QPDFObjectHandle dict = image.getDict();
  dict.replaceKey("/Type", QPDFObjectHandle::newName("/XObject"));
  dict.replaceKey("/Subtype", QPDFObjectHandle::newName("/Image"));
  dict.replaceKey("/Width", QPDFObjectHandle::newInteger(sample.width));
  dict.replaceKey("/Height", QPDFObjectHandle::newInteger(sample.height));
  dict.replaceKey("/ColorSpace", QPDFObjectHandle::newName(ColorSpaceName(sample.components)));
  dict.replaceKey("/BitsPerComponent", QPDFObjectHandle::newInteger(sample.bits_per_component));

  QPDFObjectHandle filter;
  QPDFObjectHandle decode_parms = QPDFObjectHandle::newNull();
  switch (sample.encoding) {
    case EncodedImage::Encoding::kJpeg:
      filter = QPDFObjectHandle::newName("/DCTDecode");
      if (sample.components == 4 && JpegHasAdobeMarker(sample.data)) {
        dict.replaceKey("/Decode", QPDFObjectHandle::parse("[1 0 1 0 1 0 1 0]"));
      }
      break;
    case EncodedImage::Encoding::kCcittG4:
      filter = QPDFObjectHandle::newName("/CCITTFaxDecode");
      decode_parms = QPDFObjectHandle::parse(
          fmt::format("<< /K -1 /Columns {} /Rows {} /BlackIs1 {} >>", sample.width, sample.height,
                      sample.black_is_1 ? "true" : "false"));
      break;
    case EncodedImage::Encoding::kFlate:
      filter = QPDFObjectHandle::newName("/FlateDecode");
      if (sample.png_predictors) {
        decode_parms = QPDFObjectHandle::parse(
            fmt::format("<< /Predictor 15 /Colors {} /BitsPerComponent {} /Columns {} >>",
                        sample.components, sample.bits_per_component, sample.width));
      }
      break;
  }

  EncodedImage header = sample;
  header.data.clear();
  image.replaceStreamData(
      [&images, page_index, header, write_error](Pipeline* out) {
        Result<EncodedImage> fetched = images(page_index);
        Status status = fetched.status();
        if (status.ok() && !SameHeader(header, *fetched)) {
          status = InvalidInput(
              fmt::format("image of page {} changed between layout and write", page_index + 1));
        }
        if (status.ok() && fetched->data.empty()) {
          status = InvalidInput(fmt::format("image of page {} has no data", page_index + 1));
        }
        if (!status.ok()) {
          if (write_error->ok()) *write_error = status;
          throw std::runtime_error(status.message());
        }
        out->write(reinterpret_cast<const unsigned char*>(fetched->data.data()),
                   fetched->data.size());
        out->finish();
      },
      filter, decode_parms);
  return image;
}

}  // namespace sohoa::ocr
