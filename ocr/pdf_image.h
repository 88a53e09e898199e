// Image XObjects for scans: the encoded bytes go into the PDF unchanged, and are fetched from
// the supplier only while the file is written, one image at a time.
#pragma once

#include <memory>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <string_view>

#include "common/status.h"
#include "ocr/pdf_writer.h"

namespace sohoa::ocr {

// Rejects headers the PDF cannot describe (sizes, component counts, bit depths).
Status CheckImageHeader(const EncodedImage& image);

// True if a JPEG carries Adobe's APP14 segment: its CMYK samples are stored inverted.
bool JpegHasAdobeMarker(std::string_view jpeg);

// Adds an image XObject described by `sample` (an image the supplier returned for
// `page_index`; its data is only inspected). The stream's data is fetched again from
// `images` at write time; a failure or a changed header is stored in `*write_error` and
// aborts the write.
QPDFObjectHandle AddLazyImage(QPDF& pdf, const ImageSupplier& images, int page_index,
                              const EncodedImage& sample, std::shared_ptr<Status> write_error);

}  // namespace sohoa::ocr
