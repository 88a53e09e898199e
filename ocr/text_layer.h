// The invisible text layer: GlyphLessFont objects and the content stream that places each
// word of a PageText over its box, in reading order, so extractors return the page's text.
#pragma once

#include <bitset>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <string>
#include <string_view>

#include "common/page_text.h"
#include "common/status.h"

namespace sohoa::ocr {

// The 256-code blocks (high bytes) of the glyph codes a document's text layers use. Its
// ToUnicode CMap maps only these: the whole BMP costs 1.7 KB compressed per document, a
// Vietnamese document uses 3 to 5 blocks (~0.2 KB).
using GlyphBlocks = std::bitset<256>;
void AddGlyphBlocks(const PageText& text, GlyphBlocks* blocks);

// Adds to `pdf` a Type0 font (Identity-H, CID = Unicode code point, every CID drawn with the
// one empty glyph of `font_program`, a TrueType file such as Tesseract's pdf.ttf) and returns
// the font dictionary to put under a page's /Resources /Font. Its ToUnicode CMap maps the
// codes of `blocks`; text with codes outside them extracts as nothing.
QPDFObjectHandle AddGlyphLessFont(QPDF& pdf, const std::string& font_program,
                                  const GlyphBlocks& blocks);

// Content stream operators (a BT ... ET block, render mode 3) for the words of `text`.
// `upright_to_page` maps the upright frame's pixels to the page's default user space;
// `font_resource` is the font's name in the page resources, e.g. "/SohoaText".
std::string BuildTextLayerContent(const PageText& text, const Affine2D& upright_to_page,
                                  std::string_view font_resource);

// The glyph codes of UTF-8 `text` as a PDF literal string of raw bytes (escaped where PDF
// requires): one 2-byte code per code point; code points outside the BMP, controls and
// malformed bytes become U+FFFD. `trailing_space` appends a space glyph to non-empty text.
// Raw bytes compress ~3 % smaller than the same codes in hex.
std::string GlyphCodesLiteral(std::string_view text, bool trailing_space, int* glyph_count);

}  // namespace sohoa::ocr
