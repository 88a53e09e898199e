#include "ocr/pdf_writer.h"

#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include "ocr/pdf_geometry.h"
#include "ocr/pdf_image.h"
#include "ocr/pdf_output.h"
#include "ocr/pdfa.h"
#include "ocr/text_layer.h"

namespace sohoa::ocr {
namespace {

// One-letter names: the font is named once per size change, and a G4 page is small.
constexpr char kFontResource[] = "/F";
constexpr char kImageResource[] = "/I";

Status CheckFrame(const PageText& text, int page_number) {
  if (text.width_px <= 0 || text.height_px <= 0 || !(text.dpi > 0)) {
    return InvalidInput(fmt::format("page {} has an empty upright frame", page_number));
  }
  return Status::Ok();
}

// The page geometry of one image page: its size and where the scan and the text go.
struct ImagePageGeometry {
  double width_pt = 0;
  double height_pt = 0;
  Affine2D image_matrix{};     // image unit square -> page
  Affine2D upright_to_page{};  // upright frame pixels -> page
};

Result<ImagePageGeometry> LayOutImagePage(const ImagePageLayout& layout, bool keep_skew) {
  const PageText& text = layout.text;
  const Affine2D unit_to_source =
      ImageUnitSquareToPixels(layout.source_width, layout.source_height);
  ImagePageGeometry geometry;
  if (!keep_skew) {
    const Affine2D upright_to_page = PixelsToPoints(text.height_px, text.dpi);
    geometry.width_pt = text.width_px * 72.0 / text.dpi;
    geometry.height_pt = text.height_px * 72.0 / text.dpi;
    geometry.upright_to_page = upright_to_page;
    geometry.image_matrix =
        Compose(upright_to_page, Compose(text.source_to_upright, unit_to_source));
    return geometry;
  }
  Result<Affine2D> upright_to_source = Invert(text.source_to_upright);
  if (!upright_to_source.ok()) return upright_to_source.status();
  const double source_dpi =
      layout.source_dpi > 0 ? layout.source_dpi : text.dpi / ScaleOf(text.source_to_upright);
  const Affine2D source_to_page = PixelsToPoints(layout.source_height, source_dpi);
  geometry.width_pt = layout.source_width * 72.0 / source_dpi;
  geometry.height_pt = layout.source_height * 72.0 / source_dpi;
  geometry.upright_to_page = Compose(source_to_page, *upright_to_source);
  geometry.image_matrix = Compose(source_to_page, unit_to_source);
  return geometry;
}

Status AddImagePage(QPDF& pdf, const ImagePageLayout& layout, int index,
                    const ImageSupplier& images, const WriteOptions& options, QPDFObjectHandle font,
                    const std::shared_ptr<Status>& write_error, bool* gray) {
  SOHOA_RETURN_IF_ERROR(CheckFrame(layout.text, index + 1));
  Result<EncodedImage> sample = images(index);
  if (!sample.ok()) return sample.status();
  SOHOA_RETURN_IF_ERROR(CheckImageHeader(*sample));
  *gray = *gray && sample->components == 1;
  if (sample->width != layout.source_width || sample->height != layout.source_height) {
    return InvalidInput(fmt::format("page {}: image is {}x{}, layout says {}x{}", index + 1,
                                    sample->width, sample->height, layout.source_width,
                                    layout.source_height));
  }
  Result<ImagePageGeometry> geometry = LayOutImagePage(layout, options.keep_skew);
  if (!geometry.ok()) return geometry.status();

  QPDFObjectHandle image = AddLazyImage(pdf, images, index, *sample, write_error);
  sample = InvalidInput("dropped");  // the bytes come back at write time

  const std::string content =
      fmt::format("q\n{} cm\n{} Do\nQ\n", PdfMatrixOperands(geometry->image_matrix),
                  kImageResource) +
      BuildTextLayerContent(layout.text, geometry->upright_to_page, kFontResource);

  QPDFObjectHandle resources = QPDFObjectHandle::newDictionary();
  resources.replaceKey("/XObject", QPDFObjectHandle::newDictionary({{kImageResource, image}}));
  resources.replaceKey("/Font", QPDFObjectHandle::newDictionary({{kFontResource, font}}));
  QPDFObjectHandle page = QPDFObjectHandle::newDictionary();
  page.replaceKey("/Type", QPDFObjectHandle::newName("/Page"));
  page.replaceKey("/MediaBox", PageBox(geometry->width_pt, geometry->height_pt));
  page.replaceKey("/Resources", resources);
  page.replaceKey("/Contents", QPDFObjectHandle::newStream(&pdf, content));
  QPDFPageDocumentHelper(pdf).addPage(QPDFPageObjectHelper(pdf.makeIndirectObject(page)), false);
  return Status::Ok();
}

Status WriteImageDocumentUnchecked(const std::vector<ImagePageLayout>& pages,
                                   const ImageSupplier& images, const DocumentInfo& info,
                                   const WriteOptions& options, const std::filesystem::path& path) {
  if (pages.empty()) return InvalidInput("document has no pages");
  Result<EmbeddedFiles> shared = LoadEmbeddedFiles(options);
  if (!shared.ok()) return shared.status();
  QPDF pdf;
  pdf.emptyPDF();
  GlyphBlocks glyph_blocks;
  for (const ImagePageLayout& page : pages) AddGlyphBlocks(page.text, &glyph_blocks);
  QPDFObjectHandle font = AddGlyphLessFont(pdf, shared->font_program, glyph_blocks);
  auto write_error = std::make_shared<Status>();
  bool all_gray = true;
  for (size_t i = 0; i < pages.size(); ++i) {
    SOHOA_RETURN_IF_ERROR(AddImagePage(pdf, pages[i], static_cast<int>(i), images, options, font,
                                       write_error, &all_gray));
  }
  SOHOA_RETURN_IF_ERROR(AddPdfaParts(pdf, info,
                                     all_gray ? OutputProfile{shared->gray_icc_profile, 1}
                                              : OutputProfile{shared->icc_profile, 3}));
  return WriteDeterministic(pdf, path, write_error);
}

}  // namespace

Status WriteImageDocument(const std::vector<ImagePageLayout>& pages, const ImageSupplier& images,
                          const DocumentInfo& info, const WriteOptions& options,
                          const std::filesystem::path& path) {
  try {
    return WriteImageDocumentUnchecked(pages, images, info, options, path);
  } catch (const std::exception& e) {
    return Internal(fmt::format("PDF writer: {}", e.what()));
  }
}

}  // namespace sohoa::ocr
