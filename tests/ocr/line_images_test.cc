#include "ocr/interpose/line_images.h"

#include <dlfcn.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "ocr/ocr_engine.h"
#include "tests/testing/elf_symbols.h"
#include "tests/testing/fixtures.h"

namespace sohoa::ocr {
namespace {

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

struct Encoded {
  l_uint8* data = nullptr;
  size_t size = 0;
  ~Encoded() { lept_free(data); }
};

// Tesseract's ImageData keeps an image as pixWriteMem(IFF_PNG) bytes and reads it back with
// pixReadMem: the raw serialisation must come back the same at every depth it may hold. (Not
// the resolution: SPIX drops it, and the LSTM scales a line by its height in pixels.)
TEST(LineImagesTest, SpixBytesReadBackAsTheSameImageAtEveryDepth) {
  for (int depth : {1, 8, 32}) {
    PixPtr pix(pixCreate(97, 31, depth));
    for (int x = 0; x < 97; x += 3) pixSetPixel(pix.get(), x, x % 31, depth == 1 ? 1 : 0x80 + x);
    Encoded bytes;
    ASSERT_EQ(pixWriteMemSpix(&bytes.data, &bytes.size, pix.get()), 0);
    PixPtr back(pixReadMem(bytes.data, bytes.size));
    ASSERT_NE(back, nullptr) << depth;
    l_int32 same = 0;
    ASSERT_EQ(pixEqual(pix.get(), back.get(), &same), 0);
    EXPECT_TRUE(same) << depth;
    EXPECT_EQ(pixGetDepth(back.get()), depth);
  }
}

// The definition every library binds to is this executable's, as in the sohoa binary.
TEST(LineImagesTest, TheExecutablesPixWriteMemIsTheOneLibrariesBindTo) {
  Dl_info executable{};
  ASSERT_NE(dladdr(reinterpret_cast<void*>(&LineImagesKeptRaw), &executable), 0);
  Dl_info bound{};
  ASSERT_NE(dladdr(dlsym(RTLD_DEFAULT, "pixWriteMem"), &bound), 0);
  EXPECT_EQ(bound.dli_fbase, executable.dli_fbase) << "binds to " << bound.dli_fname;
  EXPECT_EQ(testing::DynamicSymbols(SOHOA_BINARY, "pixWriteMem", /*defined=*/true),
            std::set<std::string>{"pixWriteMem"});
}

// Only libtesseract's requests are changed: PNG asked for anywhere else is PNG.
TEST(LineImagesTest, PngAskedForOutsideTesseractIsPng) {
  PixPtr pix(pixCreate(40, 20, 8));
  pixSetAllArbitrary(pix.get(), 200);
  const uint64_t before = LineImagesKeptRaw();
  Encoded bytes;
  ASSERT_EQ(pixWriteMem(&bytes.data, &bytes.size, pix.get(), IFF_PNG), 0);
  ASSERT_GE(bytes.size, 8u);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(bytes.data), 4), "\x89PNG");
  EXPECT_EQ(LineImagesKeptRaw(), before);
}

// A page Tesseract reads through the LSTM keeps every line's image raw, and reads as well.
TEST(LineImagesTest, TesseractsLineImagesAreKeptRawAndTheTextReadsTheSame) {
  const testing::RenderedPage page =
      testing::RenderPage({"QUYẾT ĐỊNH", "Số: 1523/QĐ-UBND", "Về việc chuyển đổi số"});
  Result<std::unique_ptr<OcrEngine>> engine = OcrEngine::Create({});
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  const uint64_t before = LineImagesKeptRaw();
  Result<PageText> text = (*engine)->Recognize(page.image, page.dpi);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  // One image per line at least, each recognised from its raw bytes.
  EXPECT_GE(LineImagesKeptRaw() - before, text->lines.size());
  const std::string plain = text->PlainText();
  EXPECT_NE(plain.find("Số: 1523/QĐ-UBND"), std::string::npos) << plain;
  EXPECT_NE(plain.find("chuyển đổi số"), std::string::npos) << plain;
}

}  // namespace
}  // namespace sohoa::ocr
