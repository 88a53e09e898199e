// PageText: the one per-page result that crosses from recognition to everything
// downstream (PDF text layer, catalog, search hit boxes, the batch report).
//
// Coordinates: every box is in pixels of the page's *upright frame*: the image the OCR
// engine read, i.e. the scan turned upright and deskewed, at `dpi`. The visible PDF
// page is exactly that frame (width_px x height_px at dpi), because the writer draws
// the untouched scan through the same transform (`source_to_upright`), so search hits
// and the text layer need no knowledge of what preprocessing did.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace sohoa {

struct PixelBox {
  int left = 0, top = 0, right = 0, bottom = 0;  // half-open: [left, right) x [top, bottom)
  int width() const { return right - left; }
  int height() const { return bottom - top; }
};

struct Word {
  std::string text;  // UTF-8, NFC
  PixelBox box;
  float confidence = 0;  // 0..100, as Tesseract reports it
};

struct TextLine {
  std::vector<Word> words;
  PixelBox box;
  int block_index = 0;  // lines of one block are contiguous, blocks in reading order
};

// 2x3 affine transform, row-major: x' = m[0]*x + m[1]*y + m[2]; y' = m[3]*x + m[4]*y + m[5].
using Affine2D = std::array<double, 6>;
constexpr Affine2D kIdentityAffine = {1, 0, 0, 0, 1, 0};

// What we measured about a page and whether a person should look at it.
struct QualityRecord {
  int orientation_degrees = 0;  // the scan's content was turned clockwise by this (0/90/180/270)
  double skew_degrees = 0;      // counter-clockwise skew found (and removed) in the scan
  double source_dpi = 0;        // resolution of the scan as used for the page size
  bool dpi_estimated = false;   // the file had no plausible DPI; estimated from paper sizes
  double mean_confidence = 0;   // mean word confidence, 0..100
  double low_confidence_share = 0;  // share of words below the low-confidence threshold
  int word_count = 0;
  bool text_from_pdf = false;  // text came from the PDF's own text layer, not OCR
  bool ocr_timed_out = false;
  bool needs_review = false;
  std::string review_reason;  // empty unless needs_review; ';'-separated reasons

  // Sets needs_review and appends `reason` (once) to review_reason.
  void AddReviewReason(const std::string& reason);
};

// A review reason about one header field ("number", "day", "month" or "date"), e.g. "header
// day uncertain", "document number not read". Producers (pipeline/) build reasons with it and
// a later correction of the field (index/, `sohoa catalog correct`) finds them with
// ReviewReasonIsAboutField, so the two sides share one wording.
std::string FieldReviewReason(std::string_view origin, std::string_view field,
                              std::string_view problem);  // origin: "header" or "document"
// True when `reason` was made by FieldReviewReason for `field`; a date's reasons include
// those about its day and month.
bool ReviewReasonIsAboutField(std::string_view reason, std::string_view field);

// A header value (the numeral after 'Số:', the day or month of the date) decided by the
// header re-read (pipeline/header_fields.h), kept so that the catalog can say where a
// document's number and date came from and how sure the reading was; and the printed year
// after 'năm' as the page pass read it.
struct HeaderFieldRead {
  std::string name;      // "number", "day", "month" or "year"
  std::string value;     // the digits chosen
  float confidence = 0;  // 0..100
  bool uncertain = false;
  bool reread = false;  // the value came from the slot's own reading, not the page pass's: the
                        // page pass garbles pen digits, so this marks a hand-filled value
};

struct PageText {
  int width_px = 0;  // upright frame size
  int height_px = 0;
  double dpi = 300;  // of the upright frame
  // Maps pixel coordinates of the source raster (the decoded scan, or the rendered PDF
  // page) to the upright frame.
  Affine2D source_to_upright = kIdentityAffine;
  std::vector<TextLine> lines;  // in reading order
  QualityRecord quality;
  std::vector<HeaderFieldRead> header_reads;  // empty unless the page has a header
  // The issuing body's name lines as read again on their own (pipeline/agency_block.h), top
  // to bottom; empty when the page has no header or the block was not read.
  std::vector<std::string> agency_lines;

  // Lines joined with '\n', words with ' ': the page's text in reading order.
  std::string PlainText() const;
};

}  // namespace sohoa
