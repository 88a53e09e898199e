// WritePdfDocument: text layers grafted onto the pages of an existing PDF. Each grafted page's
// old content becomes a form XObject drawn through one matrix that turns the page (its crop
// box and /Rotate, as Poppler rendered it) into the upright, deskewed frame of its PageText.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <qpdf/Pl_Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include "ocr/gray_content.h"
#include "ocr/pdf_geometry.h"
#include "ocr/pdf_output.h"
#include "ocr/pdf_writer.h"
#include "ocr/pdfa.h"
#include "ocr/text_layer.h"

namespace sohoa::ocr {
namespace {

// One-letter names: each is written once per word line or page, and a G4 page is small.
constexpr char kFontResource[] = "/F";
constexpr char kOriginalPageResource[] = "/P";
// Entries of a scanner's page that an archive copy does not need: a thumbnail image (viewers
// draw their own), application-private data, and page XMP that the document's new PDF/A
// metadata supersedes (the source file's SHA-256 there identifies the original).
constexpr const char* kDroppedPageKeys[] = {"/Thumb", "/PieceInfo", "/Metadata"};

// Whether content saves and restores the graphics state in balanced pairs and closes every
// text object it opens, so that it can be drawn inline between our own q ... Q.
class BalancedContent : public QPDFObjectHandle::ParserCallbacks {
 public:
  void handleObject(QPDFObjectHandle object) override {
    if (!object.isOperator()) return;
    const std::string op = object.getOperatorValue();
    if (op == "q") {
      ++state_depth_;
    } else if (op == "Q") {
      balanced_ = balanced_ && --state_depth_ >= 0;
    } else if (op == "BT") {
      balanced_ = balanced_ && ++text_depth_ == 1;
    } else if (op == "ET") {
      balanced_ = balanced_ && --text_depth_ == 0;
    }
  }
  void handleEOF() override {}
  bool Balanced() const { return balanced_ && state_depth_ == 0 && text_depth_ == 0; }

 private:
  int state_depth_ = 0;
  int text_depth_ = 0;
  bool balanced_ = true;
};

bool ContentIsBalanced(QPDFPageObjectHelper& page) {
  BalancedContent checker;
  try {
    QPDFObjectHandle::parseContentStream(page.getObjectHandle().getKey("/Contents"), &checker);
  } catch (const std::exception&) {
    return false;
  }
  return checker.Balanced();
}

// `base` unless `names` has it already; then base2, base3, ...
std::string UnusedName(QPDFObjectHandle names, const std::string& base) {
  if (!names.isDictionary() || !names.hasKey(base)) return base;
  for (int i = 2;; ++i) {
    const std::string name = base + std::to_string(i);
    if (!names.hasKey(name)) return name;
  }
}

// The visible region Poppler renders: the crop box clipped to the media box.
QPDFObjectHandle::Rectangle VisibleBox(QPDFPageObjectHelper& page) {
  QPDFObjectHandle::Rectangle media = page.getMediaBox().getArrayAsRectangle();
  QPDFObjectHandle::Rectangle crop = page.getCropBox().getArrayAsRectangle();
  // Boxes may be given with any corner order.
  const auto normalized = [](QPDFObjectHandle::Rectangle r) {
    return QPDFObjectHandle::Rectangle(std::min(r.llx, r.urx), std::min(r.lly, r.ury),
                                       std::max(r.llx, r.urx), std::max(r.lly, r.ury));
  };
  media = normalized(media);
  crop = normalized(crop);
  QPDFObjectHandle::Rectangle visible(std::max(media.llx, crop.llx), std::max(media.lly, crop.lly),
                                      std::min(media.urx, crop.urx), std::min(media.ury, crop.ury));
  if (visible.urx <= visible.llx || visible.ury <= visible.lly) return media;
  return visible;
}

int QuarterTurns(QPDFPageObjectHelper& page) {
  QPDFObjectHandle rotate = page.getAttribute("/Rotate", false);
  if (!rotate.isNumber()) return 0;
  const long degrees = std::lround(rotate.getNumericValue() / 90.0) * 90;
  return static_cast<int>(((degrees % 360) + 360) % 360) / 90;
}

// Page space -> pixels of the page rendered at `dpi` with its /Rotate (clockwise) applied.
Affine2D PageToRenderedPixels(const QPDFObjectHandle::Rectangle& box, int quarter_turns,
                              double dpi) {
  const double k = dpi / 72.0;
  switch (quarter_turns) {
    case 1:
      return {0, k, -k * box.lly, k, 0, -k * box.llx};
    case 2:
      return {-k, 0, k * box.urx, 0, k, -k * box.lly};
    case 3:
      return {0, -k, k * box.ury, -k, 0, k * box.urx};
    default:
      return {k, 0, -k * box.llx, 0, -k, k * box.ury};
  }
}

// Annotations keep their place on the paper; appearance streams are not re-oriented.
void MoveAnnotations(QPDFPageObjectHelper& page, const Affine2D& old_to_new) {
  QPDFObjectHandle annotations = page.getObjectHandle().getKey("/Annots");
  if (!annotations.isArray()) return;
  for (QPDFObjectHandle annotation : annotations.aitems()) {
    if (!annotation.isDictionary() || !annotation.getKey("/Rect").isRectangle()) continue;
    const QPDFObjectHandle::Rectangle rect = annotation.getKey("/Rect").getArrayAsRectangle();
    double xs[4], ys[4];
    const double corners[4][2] = {
        {rect.llx, rect.lly}, {rect.urx, rect.lly}, {rect.llx, rect.ury}, {rect.urx, rect.ury}};
    for (int i = 0; i < 4; ++i) {
      xs[i] = old_to_new[0] * corners[i][0] + old_to_new[1] * corners[i][1] + old_to_new[2];
      ys[i] = old_to_new[3] * corners[i][0] + old_to_new[4] * corners[i][1] + old_to_new[5];
    }
    annotation.replaceKey("/Rect",
                          QPDFObjectHandle::newFromRectangle(QPDFObjectHandle::Rectangle(
                              *std::min_element(xs, xs + 4), *std::min_element(ys, ys + 4),
                              *std::max_element(xs, xs + 4), *std::max_element(ys, ys + 4))));
  }
}

Status GraftPage(QPDF& pdf, QPDFPageObjectHelper& page, const PdfPageLayout& layout,
                 QPDFObjectHandle font, int page_number) {
  const PageText& text = layout.text;
  if (text.width_px <= 0 || text.height_px <= 0 || !(text.dpi > 0) || !(layout.render_dpi > 0)) {
    return InvalidInput(fmt::format("page {} has an empty upright frame", page_number));
  }
  const QPDFObjectHandle::Rectangle visible = VisibleBox(page);
  const Affine2D upright_to_page = PixelsToPoints(text.height_px, text.dpi);
  const Affine2D old_to_new =
      Compose(upright_to_page,
              Compose(text.source_to_upright,
                      PageToRenderedPixels(visible, QuarterTurns(page), layout.render_dpi)));

  // The old content is drawn inline, clipped to what was visible, when it keeps its state
  // changes to itself; otherwise it becomes a form XObject, which isolates it. Inline saves a
  // form's dictionary and stream per page (~150 bytes, a few tenths of a percent of a G4 page).
  const bool inline_old_content = ContentIsBalanced(page);
  Pl_Buffer old_content("page content");
  page.pipeContents(&old_content);
  std::shared_ptr<Buffer> old_bytes = old_content.getBufferSharedPointer();
  std::string old_text(reinterpret_cast<const char*>(old_bytes->getBuffer()), old_bytes->getSize());
  QPDFObjectHandle old_resources = page.getAttribute("/Resources", false);
  QPDFObjectHandle resources = QPDFObjectHandle::newDictionary();
  std::string font_name = kFontResource;
  std::string content;
  if (inline_old_content) {
    if (old_resources.isDictionary()) resources = old_resources.shallowCopy();
    QPDFObjectHandle fonts = resources.getKey("/Font");
    fonts = fonts.isDictionary() ? fonts.shallowCopy() : QPDFObjectHandle::newDictionary();
    font_name = UnusedName(fonts, kFontResource);
    fonts.replaceKey(font_name, font);
    resources.replaceKey("/Font", fonts);
    content =
        fmt::format("q\n{} cm\n{} {} {} {} re W n\n", PdfMatrixOperands(old_to_new),
                    PdfNumber(visible.llx), PdfNumber(visible.lly),
                    PdfNumber(visible.urx - visible.llx), PdfNumber(visible.ury - visible.lly));
    content += old_text;
    content += "\nQ\n";
  } else {
    QPDFObjectHandle original = page.getFormXObjectForPage(false);
    // The form reads the page's /Contents lazily; it must own them before they are replaced.
    original.replaceStreamData(old_text, QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
    original.getDict().replaceKey("/BBox", QPDFObjectHandle::newFromRectangle(visible));
    resources.replaceKey("/XObject",
                         QPDFObjectHandle::newDictionary({{kOriginalPageResource, original}}));
    resources.replaceKey("/Font", QPDFObjectHandle::newDictionary({{font_name, font}}));
    content =
        fmt::format("q\n{} cm\n{} Do\nQ\n", PdfMatrixOperands(old_to_new), kOriginalPageResource);
  }
  content += BuildTextLayerContent(text, upright_to_page, font_name);

  MoveAnnotations(page, old_to_new);
  QPDFObjectHandle dict = page.getObjectHandle();
  dict.replaceKey("/Resources", resources);
  dict.replaceKey("/Contents", QPDFObjectHandle::newStream(&pdf, content));
  dict.replaceKey("/MediaBox",
                  PageBox(text.width_px * 72.0 / text.dpi, text.height_px * 72.0 / text.dpi));
  for (const char* key : {"/CropBox", "/BleedBox", "/TrimBox", "/ArtBox", "/Rotate", "/UserUnit"}) {
    dict.removeKey(key);
  }
  for (const char* key : kDroppedPageKeys) dict.removeKey(key);
  return Status::Ok();
}

Status WritePdfDocumentUnchecked(const std::filesystem::path& source_pdf,
                                 const std::vector<PdfPageLayout>& pages, const DocumentInfo& info,
                                 const WriteOptions& options, const std::filesystem::path& path) {
  Result<EmbeddedFiles> embedded = LoadEmbeddedFiles(options);
  if (!embedded.ok()) return embedded.status();
  QPDF pdf;
  pdf.setSuppressWarnings(true);
  pdf.setAttemptRecovery(false);
  try {
    pdf.processFile(source_pdf.c_str());
  } catch (const std::exception& e) {
    return InvalidInput(fmt::format("cannot read PDF: {}", e.what()));
  }
  if (pdf.isEncrypted()) return Unsupported("PDF is encrypted");
  // Pages must own /Rotate, /MediaBox, /Resources before they are changed one by one.
  pdf.pushInheritedAttributesToPage();
  std::vector<QPDFPageObjectHelper> pdf_pages = QPDFPageDocumentHelper(pdf).getAllPages();
  if (pdf_pages.size() != pages.size()) {
    return InvalidInput(
        fmt::format("PDF has {} pages, {} layouts given", pdf_pages.size(), pages.size()));
  }
  // Decided on the pages as they came: grafting adds only grey (invisible) text.
  bool all_gray = true;
  for (QPDFPageObjectHelper& page : pdf_pages) all_gray = all_gray && PageDrawsOnlyGray(page);
  GlyphBlocks glyph_blocks;
  for (const PdfPageLayout& page : pages) {
    if (page.graft) AddGlyphBlocks(page.text, &glyph_blocks);
  }
  QPDFObjectHandle font = AddGlyphLessFont(pdf, embedded->font_program, glyph_blocks);
  for (size_t i = 0; i < pages.size(); ++i) {
    if (!pages[i].graft) continue;
    SOHOA_RETURN_IF_ERROR(GraftPage(pdf, pdf_pages[i], pages[i], font, static_cast<int>(i) + 1));
  }
  SOHOA_RETURN_IF_ERROR(AddPdfaParts(pdf, info,
                                     all_gray ? OutputProfile{embedded->gray_icc_profile, 1}
                                              : OutputProfile{embedded->icc_profile, 3}));
  SOHOA_RETURN_IF_ERROR(WriteDeterministic(pdf, path, nullptr));
  if (pdf.anyWarnings()) {
    return InvalidInput(fmt::format("PDF is damaged: {}", pdf.getWarnings().front().what()));
  }
  return Status::Ok();
}

}  // namespace

Status WritePdfDocument(const std::filesystem::path& source_pdf,
                        const std::vector<PdfPageLayout>& pages, const DocumentInfo& info,
                        const WriteOptions& options, const std::filesystem::path& path) {
  try {
    return WritePdfDocumentUnchecked(source_pdf, pages, info, options, path);
  } catch (const std::exception& e) {
    return Internal(fmt::format("PDF graft: {}", e.what()));
  }
}

}  // namespace sohoa::ocr
