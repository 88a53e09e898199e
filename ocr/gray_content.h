// Whether existing PDF pages draw in grey alone, so that a document can carry a grey PDF/A
// OutputIntent (a 420-byte profile) instead of sRGB (7 KB): PDF/A lets DeviceGray and
// device-independent colour spaces live under any OutputIntent, but DeviceRGB only under an
// RGB one and DeviceCMYK only under a CMYK one.
#pragma once

#include <qpdf/QPDFPageObjectHelper.hh>

namespace sohoa::ocr {

// True only if nothing on the page (content, form XObjects, images, annotation appearances)
// can use DeviceRGB or DeviceCMYK. Conservative: whatever it cannot prove grey (colour
// operators, shadings, patterns, inline images, unreadable content) counts as colour.
// Reads the page; changes nothing.
bool PageDrawsOnlyGray(QPDFPageObjectHelper& page);

}  // namespace sohoa::ocr
