// The header fields people fill in by hand on a printed form: the numeral of 'Số: 47/QĐ-UBND'
// and the day and month of 'ngày 17 tháng 01 năm 2025'. They are found from the printed
// anchors in the page's words, re-read on their own from the scan (ocr/field_reader.h), and the
// plausible reading replaces what full-page OCR made of them, so the text layer and the catalog
// (index/metadata.h reads the page text) both get it.
#pragma once

#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/page_text.h"
#include "ocr/field_reader.h"
#include "ocr/ocr_engine.h"
#include "pipeline/number_slot_ink.h"

namespace sohoa::pipeline {

struct WordRef {
  int line = -1;
  int word = 0;
};

inline const Word& WordAt(const PageText& page, WordRef ref) {
  return page.lines[ref.line].words[ref.word];
}

// Where a field's value lies: `box` in the upright frame, and the words of `line` in
// [first_word, end_word) that OCR made of it (possibly none). A value written on another
// baseline than its label (a large handwritten numeral) may have become words of other lines:
// those are `strays`, replaced too, so the value joins its label's line.
struct FieldSlot {
  PixelBox box;
  int line = -1;
  int first_word = 0;
  int end_word = 0;
  std::vector<WordRef> strays;
  std::string printed;  // what OCR read there (those words joined without spaces)
  float printed_confidence = 0;
  std::string suffix;  // number only: the printed symbol from the first '/', e.g. "/QĐ-UBND"
  // number only: the '/SYMBOL' word when it is not on the label's line (it moves to the label).
  std::optional<WordRef> suffix_word;
  std::string label;  // number only: a 'Số:' read glued to the numeral, kept before it
  // number only: the symbol was read without its slash ('QĐ-STTTT', a pen numeral over the
  // slash); the rewrite writes the number whole even when the numeral reads as printed.
  bool slash_lost = false;
  // The boxes of the words holding the printed label before the value ('Số:'; for the day and
  // month, a 'ngày' or 'tháng' read glued to a pen stroke) and the number's '/SYMBOL' (one
  // word when OCR glued them); empty when unread or not needed. RereadHeaderFields looks for
  // the slot's edges in their ink (pipeline/number_slot_ink.h).
  PixelBox label_box, symbol_box;
  // number only: the symbol's slash where a pen digit touches it or leans over its foot, in
  // the upright frame: the slot takes in the digit whole and the slash's foot beside it, which
  // its crop whitens.
  std::optional<SlashStroke> touched_slash;
  // number only: no word was read as the label; `label_box` is where its ink may be, inside the
  // words the slot replaces ('56889/QĐ-UBND' for 'Số:889/QĐ-UBND').
  bool label_unread = false;
  // day only: no 'ngày' was read before it; the slot is cut left of 'tháng', wide enough for
  // the anchor and the value both.
  bool anchor_unread = false;
  // day and month: the date anchor before the value when OCR read a pen stroke of the value
  // glued to it ('thángØŸ'), and the anchor's own text ('tháng'), which the rewrite puts back
  // so the date reads whole.
  std::optional<WordRef> glued_anchor;
  std::string glued_anchor_text;
};

struct HeaderSlots {
  std::optional<FieldSlot> number, day, month;
  int year = 0;  // the printed year after 'năm', 0 when unread
  float year_confidence = 0;
  // The word after 'năm' when it holds digits but not four ('204'): read again on its own.
  std::optional<PixelBox> misread_year_box;
};

// Finds the slots from the printed anchors in the upper part of the page. The number slot lies
// between 'Số:' and a '/SYMBOL' word on its row; with one of the two unread, it is cut from the
// other alone, but only on the row of the document's date, so an incoming-mail stamp's
// 'Số: 2352' never counts. Labels nearest the date's row are tried first, and none far below it
// (a number the body cites). The day slot lies left of 'tháng', the month slot between 'tháng'
// and 'năm', the anchors possibly on different lines of one row.
HeaderSlots FindHeaderSlots(const PageText& page);

// The part of `source` (the decoded scan) that `to_upright` maps onto `box` of the upright
// frame, white outside the scan.
cv::Mat UprightCrop(const cv::Mat& source, const Affine2D& to_upright, const PixelBox& box);

// `box` (a field's crop in `page`'s upright frame, its row and half a row and a quarter more
// each way, which cuts ink at its left side) widened left to the nearest column free of ink in
// the row's core, at most a row's height away; when the ink begins right at the crop's side, a
// few columns further, so no reader takes it for a cut digit's sliver. nullopt when there is no
// such column (the value touches the print before it).
std::optional<PixelBox> WidenedToInkGap(const cv::Mat& source, const PageText& page,
                                        const PixelBox& box);

// Re-reads the slots of `page` from `source` (the decoded scan, grey or BGR; mapped to the
// upright frame by page->source_to_upright) with `reader`, and rewrites the slots' words. A
// field left uncertain flags the page for review. What was decided goes to page->header_reads,
// with the printed year of a date row beside the number's (a year read a digit short or long
// is read again). Returns how many fields were rewritten.
int RereadHeaderFields(const cv::Mat& source, ocr::FieldReader& reader, PageText* page);

// The same with this thread's own reader, created on first use from Tesseract's default
// tessdata (TESSDATA_PREFIX); does nothing when no model can be loaded.
int RereadHeaderFields(const cv::Mat& source, PageText* page);

// The same, after putting back a number row the page pass lost under a stamp and a 'ngày' it
// lost beside a pen day, read again with `engine` (the page's OCR engine;
// pipeline/header_rows.h, pipeline/date_anchor.h).
int RereadHeaderFields(const cv::Mat& source, ocr::OcrEngine& engine, PageText* page);

}  // namespace sohoa::pipeline
