// PDF pages: page count (poppler-cpp), the resolution and colour of a page's scan (qpdf, which
// can walk the page's image XObjects), rendering (poppler-cpp page_renderer) and the page's own
// text layer when it is real text covering the page.
#include <fmt/format.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <opencv2/imgproc.hpp>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include "pipeline/source.h"
#include "pipeline/source_internal.h"

namespace sohoa::pipeline {
namespace internal {
namespace {

using DocumentPtr = std::unique_ptr<poppler::document>;
using PagePtr = std::unique_ptr<poppler::page>;

void SilencePoppler() {
  // Poppler prints every syntax error of a damaged file to stderr; the caller gets one
  // Status instead.
  static std::once_flag once;
  std::call_once(
      once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

Result<DocumentPtr> OpenPdf(const std::filesystem::path& path) {
  SilencePoppler();
  DocumentPtr document(poppler::document::load_from_file(path.string()));
  if (!document) return InvalidInput("invalid PDF (cannot be parsed)");
  // Must come before pages(): poppler crashes counting the pages of a locked document.
  if (document->is_locked()) return Unsupported("encrypted PDF (password required)");
  return document;
}

// What the page's scan is, if the page is essentially one image.
struct PageScan {
  bool found = false;
  double dpi = 0;
  bool colour = false;
  bool bilevel = false;
};

bool ColourSpaceIsColour(QPDFObjectHandle space) {
  if (space.isName()) {
    const std::string name = space.getName();
    return name == "/DeviceRGB" || name == "/DeviceCMYK" || name == "/CalRGB" || name == "/Lab";
  }
  if (space.isArray() && space.getArrayNItems() >= 1 && space.getArrayItem(0).isName()) {
    const std::string family = space.getArrayItem(0).getName();
    if (family == "/ICCBased" && space.getArrayNItems() >= 2 && space.getArrayItem(1).isStream()) {
      auto n = space.getArrayItem(1).getDict().getKey("/N");
      return n.isInteger() && n.getIntValue() >= 3;
    }
    if (family == "/Indexed" && space.getArrayNItems() >= 2) {
      return ColourSpaceIsColour(space.getArrayItem(1));
    }
    return family == "/CalRGB" || family == "/Lab" || family == "/DeviceN";
  }
  return false;
}

// The largest image on the page, when it covers the page (a scan): its resolution against
// the page size. Uses qpdf because poppler-cpp does not expose a page's images.
PageScan FindPageScan(const std::filesystem::path& path, int page_index, double page_long_pt,
                      double page_short_pt) {
  PageScan scan;
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.processFile(path.c_str());
    auto pages = QPDFPageDocumentHelper(pdf).getAllPages();
    if (page_index >= static_cast<int>(pages.size())) return scan;
    long long best_area = 0;
    int best_long = 0, best_short = 0;
    pages[page_index].forEachImage(
        true, [&](QPDFObjectHandle& image, QPDFObjectHandle&, std::string const&) {
          auto dict = image.getDict();
          auto width = dict.getKey("/Width"), height = dict.getKey("/Height");
          if (!width.isInteger() || !height.isInteger()) return;
          const long long w = width.getIntValue(), h = height.getIntValue();
          if (w <= 0 || h <= 0 || w * h <= best_area) return;
          best_area = w * h;
          best_long = static_cast<int>(std::max(w, h));
          best_short = static_cast<int>(std::min(w, h));
          auto bits = dict.getKey("/BitsPerComponent");
          const bool mask =
              dict.getKey("/ImageMask").isBool() && dict.getKey("/ImageMask").getBoolValue();
          scan.bilevel = mask || (bits.isInteger() && bits.getIntValue() == 1);
          scan.colour = !mask && ColourSpaceIsColour(dict.getKey("/ColorSpace"));
        });
    if (best_area == 0 || page_long_pt <= 0 || page_short_pt <= 0) return scan;
    const double dpi_long = best_long * 72.0 / page_long_pt;
    const double dpi_short = best_short * 72.0 / page_short_pt;
    // Same aspect as the page (within 5%): the image is the page's scan.
    if (std::abs(dpi_long - dpi_short) / std::max(dpi_long, dpi_short) <= 0.05) {
      scan.found = true;
      scan.dpi = (dpi_long + dpi_short) / 2;
    }
  } catch (const std::exception&) {
    // A file qpdf cannot read may still render with poppler: fall back to the default dpi.
  }
  return scan;
}

cv::Mat WrapRenderedImage(const poppler::image& image) {
  const int width = image.width(), height = image.height();
  void* data = const_cast<char*>(image.const_data());
  switch (image.format()) {
    case poppler::image::format_gray8:
      return cv::Mat(height, width, CV_8UC1, data, image.bytes_per_row()).clone();
    case poppler::image::format_bgr24:
      return cv::Mat(height, width, CV_8UC3, data, image.bytes_per_row()).clone();
    case poppler::image::format_rgb24: {
      cv::Mat bgr;
      cv::cvtColor(cv::Mat(height, width, CV_8UC3, data, image.bytes_per_row()), bgr,
                   cv::COLOR_RGB2BGR);
      return bgr;
    }
    case poppler::image::format_argb32: {
      // Bytes in memory are B, G, R, A on little-endian machines.
      cv::Mat bgr;
      cv::cvtColor(cv::Mat(height, width, CV_8UC4, data, image.bytes_per_row()), bgr,
                   cv::COLOR_BGRA2BGR);
      return bgr;
    }
    default:
      return cv::Mat();
  }
}

std::string Utf8(const poppler::ustring& text) {
  const auto bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

std::vector<PdfWord> ExtractWords(const poppler::page& page, double dpi, const cv::Size& size) {
  std::vector<PdfWord> words;
  const double scale = dpi / 72.0;
  for (const poppler::text_box& box : page.text_list()) {
    PdfWord word;
    word.text = Utf8(box.text());
    if (word.text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    const poppler::rectf rect = box.bbox();
    word.box.left = std::clamp(static_cast<int>(std::floor(rect.left() * scale)), 0, size.width);
    word.box.top = std::clamp(static_cast<int>(std::floor(rect.top() * scale)), 0, size.height);
    word.box.right = std::clamp(static_cast<int>(std::ceil(rect.right() * scale)), 0, size.width);
    word.box.bottom =
        std::clamp(static_cast<int>(std::ceil(rect.bottom() * scale)), 0, size.height);
    if (word.box.width() <= 0 || word.box.height() <= 0) continue;  // off-page text
    words.push_back(std::move(word));
  }
  return words;
}

PageText MakePageText(const std::vector<PdfWord>& words, const cv::Mat& pixels, double dpi) {
  PageText text;
  text.width_px = pixels.cols;
  text.height_px = pixels.rows;
  text.dpi = dpi;
  text.lines = GroupWordsIntoLines(words);
  int word_count = 0;
  for (const TextLine& line : text.lines) word_count += static_cast<int>(line.words.size());
  text.quality.text_from_pdf = true;
  text.quality.source_dpi = dpi;
  text.quality.mean_confidence = 100;
  text.quality.word_count = word_count;
  return text;
}

}  // namespace

Result<int> CountPdfPages(const std::filesystem::path& path) {
  auto document = OpenPdf(path);
  if (!document.ok()) return document.status();
  const int pages = (*document)->pages();
  if (pages <= 0) return InvalidInput("invalid PDF (no pages)");
  return pages;
}

Result<DecodedPage> DecodePdfPage(const SourceInfo& source, int page_index,
                                  const DecodeLimits& limits) {
  auto document = OpenPdf(source.path);
  if (!document.ok()) return document.status();
  if (page_index >= (*document)->pages()) {
    return InvalidInput(fmt::format("page {} missing from the PDF", page_index + 1));
  }
  PagePtr page((*document)->create_page(page_index));
  if (!page) return InvalidInput(fmt::format("page {} cannot be read", page_index + 1));

  const poppler::rectf rect = page->page_rect();
  const double page_w_pt = std::abs(rect.width()), page_h_pt = std::abs(rect.height());
  if (!(page_w_pt >= 1 && page_h_pt >= 1)) {
    return InvalidInput(fmt::format("page {} has an empty page box", page_index + 1));
  }
  const PageScan scan = FindPageScan(source.path, page_index, std::max(page_w_pt, page_h_pt),
                                     std::min(page_w_pt, page_h_pt));
  const double cap = limits.pdf_render_dpi > 0 ? limits.pdf_render_dpi : 300;
  double dpi = scan.found ? std::clamp(scan.dpi, std::min(150.0, cap), cap) : cap;

  // Huge pages (posters, a 35000 px scan) render at a lower resolution, down to a floor
  // below which OCR would be useless.
  const double pixels_at_dpi = page_w_pt * page_h_pt * (dpi / 72) * (dpi / 72);
  if (pixels_at_dpi > static_cast<double>(limits.max_pixels)) {
    const double reduced = dpi * std::sqrt(limits.max_pixels / pixels_at_dpi) * 0.99;
    constexpr double kMinUsefulDpi = 100;
    if (reduced < kMinUsefulDpi) {
      return ResourceLimit(fmt::format(
          "page {} is {:.0f}x{:.0f} pt: {:.0f} Mpx at {:.0f} dpi, over the {:.0f} Mpx limit",
          page_index + 1, page_w_pt, page_h_pt, pixels_at_dpi / 1e6, kMinUsefulDpi,
          limits.max_pixels / 1e6));
    }
    dpi = std::floor(reduced);
  }

  poppler::page_renderer renderer;
  // A scan drawn at its own resolution must come out pixel for pixel (a bilevel scan stays
  // bilevel); antialiasing would blur its edges. Vector and text pages look better with it.
  renderer.set_render_hint(poppler::page_renderer::antialiasing, !scan.found);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, !scan.found);
  renderer.set_image_format(scan.colour ? poppler::image::format_bgr24
                                        : poppler::image::format_gray8);
  const poppler::image rendered = renderer.render_page(page.get(), dpi, dpi);
  if (!rendered.is_valid()) {
    return InvalidInput(fmt::format("page {} cannot be rendered", page_index + 1));
  }

  DecodedPage decoded;
  decoded.pixels = WrapRenderedImage(rendered);
  if (decoded.pixels.empty()) return Internal("unexpected rendered image format");
  decoded.dpi = dpi;
  decoded.bilevel = scan.found && scan.bilevel;

  const std::vector<PdfWord> words = ExtractWords(*page, dpi, decoded.pixels.size());
  if (!words.empty()) {
    cv::Mat grey = decoded.pixels;
    if (grey.channels() == 3) cv::cvtColor(decoded.pixels, grey, cv::COLOR_BGR2GRAY);
    if (IsRealTextLayer(grey, words)) {
      decoded.has_real_text = true;
      decoded.existing_text = MakePageText(words, decoded.pixels, dpi);
    }
  }
  return decoded;
}

}  // namespace internal

void WarmUpPdfRendering() {
  // Poppler creates its colour-management profiles lazily and without a lock: render one
  // tiny page here, on one thread, before workers render in parallel.
  static std::once_flag once;
  std::call_once(once, [] {
    internal::SilencePoppler();
    static const std::string kTinyPdf =
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 72 72]/Contents 4 0 R>>endobj\n"
        "4 0 obj<</Length 24>>stream\n0.5 g 0 0 36 36 re f\nendstream endobj\n"
        "trailer<</Root 1 0 R>>\n%%EOF\n";
    std::unique_ptr<poppler::document> document(
        poppler::document::load_from_raw_data(kTinyPdf.data(), static_cast<int>(kTinyPdf.size())));
    if (!document || document->is_locked()) return;
    std::unique_ptr<poppler::page> page(document->create_page(0));
    if (!page) return;
    poppler::page_renderer renderer;
    for (auto format : {poppler::image::format_gray8, poppler::image::format_bgr24}) {
      renderer.set_image_format(format);
      (void)renderer.render_page(page.get(), 10, 10);
    }
  });
}

}  // namespace sohoa::pipeline
