// Tesseract's line images, kept raw.
//
// Before the LSTM reads a word or line, Tesseract 5 stores its image in an ImageData, which
// holds images only as encoded bytes: ImageData::SetPixInternal PNG-compresses it with
// pixWriteMem(IFF_PNG), and GetPixInternal decodes it again with pixReadMem a moment later.
// The image never leaves the process, yet zlib's deflate of every line of every page was
// about 6 % of a `sohoa run`'s CPU time on vn-public (perf, docs/BENCHMARKS.md "Line images
// kept raw"). Tesseract has a build option that keeps them as images
// (TESSERACT_IMAGEDATA_AS_PIX); Debian's libtesseract5 is built without it.
//
// This pixWriteMem, linked into the executable, takes the place of Leptonica's (the dynamic
// linker binds the executable's symbols first). When libtesseract asks for PNG, it writes
// Leptonica's own uncompressed serialisation (SPIX) instead: pixReadMem recognises SPIX by its
// header and restores the same pixels, depth and colormap, so recognition is unchanged (SPIX
// drops the resolution, which the LSTM never reads: ImageData::PreScale scales a line by its
// height in pixels). Every other call, and every call from outside libtesseract, goes to
// Leptonica's pixWriteMem as it is. (libtesseract's one other PNG writer is ScrollView's debug
// display, which sohoa never opens.)
//
// Thread contract: stateless apart from the function pointers resolved once and an atomic
// count; safe from any thread.
#include "ocr/interpose/line_images.h"

#include <dlfcn.h>
#include <tesseract/baseapi.h>

#include <atomic>

namespace {

using PixWriteMem = l_ok (*)(l_uint8**, size_t*, PIX*, l_int32);

std::atomic<uint64_t> kept_raw{0};

// The load address of the object holding `code`; null when it is in none.
const void* ObjectBase(const void* code) {
  Dl_info info{};
  return dladdr(code, &info) != 0 ? info.dli_fbase : nullptr;
}

}  // namespace

extern "C" l_ok pixWriteMem(l_uint8** pdata, size_t* psize, PIX* pix, l_int32 format) {
  static const auto leptonica = reinterpret_cast<PixWriteMem>(dlsym(RTLD_NEXT, "pixWriteMem"));
  static const void* const tesseract =
      ObjectBase(reinterpret_cast<const void*>(&tesseract::TessBaseAPI::Version));
  if (format == IFF_PNG && tesseract != nullptr &&
      ObjectBase(__builtin_return_address(0)) == tesseract) {
    const l_ok written = pixWriteMemSpix(pdata, psize, pix);
    if (written == 0) kept_raw.fetch_add(1, std::memory_order_relaxed);
    return written;
  }
  // Leptonica is linked into every program that links this object; without it no image could
  // be written at all.
  if (leptonica == nullptr) return 1;
  return leptonica(pdata, psize, pix, format);
}

namespace sohoa::ocr {

uint64_t LineImagesKeptRaw() { return kept_raw.load(std::memory_order_relaxed); }

}  // namespace sohoa::ocr
