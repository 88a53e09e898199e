// Leptonica's pixWriteMem, defined by ocr/interpose/line_images.cc so that an executable
// linking that object keeps the line images Tesseract's LSTM recogniser encodes for itself
// raw instead of PNG-compressed (why, and the thread contract: line_images.cc). Nothing in
// sohoa calls pixWriteMem; it is declared here, with a count of the images kept raw, so that
// tests can see the definition in force.
#ifndef SOHOA_OCR_INTERPOSE_LINE_IMAGES_H_
#define SOHOA_OCR_INTERPOSE_LINE_IMAGES_H_

#include <leptonica/allheaders.h>

#include <cstdint>

extern "C" {
l_ok pixWriteMem(l_uint8** pdata, size_t* psize, PIX* pix, l_int32 format);
}

namespace sohoa::ocr {

// How many images libtesseract asked to have PNG-encoded that were serialised raw instead,
// since the process started (all threads).
uint64_t LineImagesKeptRaw();

}  // namespace sohoa::ocr

#endif  // SOHOA_OCR_INTERPOSE_LINE_IMAGES_H_
