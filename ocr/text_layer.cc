#include "ocr/text_layer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "ocr/pdf_geometry.h"
#include "ocr/reading_order.h"

namespace sohoa::ocr {
namespace {

// The glyph's advance in pdf.ttf is 1024 of 2048 units per em; /DW must agree with it.
constexpr double kGlyphAdvanceEm = 0.5;
// Ascent and descent of the text box as fractions of the font size: word boxes that
// extractors compute (Ascent - Descent) then equal the OCR box height.
constexpr double kAscentEm = 0.8;
constexpr double kDescentEm = 0.2;
constexpr char32_t kReplacement = 0xFFFD;

// Decodes one code point from UTF-8; malformed input yields U+FFFD and consumes one byte.
char32_t NextCodePoint(std::string_view text, size_t* pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(*pos);
  int length = 0;
  char32_t code = 0;
  if (lead < 0x80) {
    ++*pos;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code = lead & 0x07;
  } else {
    ++*pos;
    return kReplacement;
  }
  if (*pos + length > text.size()) {
    ++*pos;
    return kReplacement;
  }
  for (int i = 1; i < length; ++i) {
    const unsigned char next = byte(*pos + i);
    if ((next & 0xC0) != 0x80) {
      ++*pos;
      return kReplacement;
    }
    code = (code << 6) | (next & 0x3F);
  }
  *pos += length;
  static constexpr char32_t kMinimumForLength[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kMinimumForLength[length] || (code >= 0xD800 && code <= 0xDFFF)) return kReplacement;
  return code;
}

// What a decoded code point is drawn as: code points outside the BMP, controls and
// malformed bytes become U+FFFD.
char32_t GlyphCode(char32_t code) {
  return code > 0xFFFF || code < 0x20 || (code >= 0x7F && code < 0xA0) ? kReplacement : code;
}

// A bfrange may only vary in its last byte, so one range per used high byte.
std::string ToUnicodeCMap(const GlyphBlocks& blocks) {
  std::string ranges;
  int count = 0;
  std::string cmap =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  const auto flush = [&] {
    if (count == 0) return;
    cmap += fmt::format("{} beginbfrange\n{}endbfrange\n", count, ranges);
    ranges.clear();
    count = 0;
  };
  for (int high = 0; high <= 0xFF; ++high) {
    if (!blocks.test(high)) continue;
    ranges += fmt::format("<{0:02X}00> <{0:02X}FF> <{0:02X}00>\n", high);
    if (++count == 100) flush();  // the CMap format limits a block to 100 entries
  }
  flush();
  cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return cmap;
}

}  // namespace

std::string GlyphCodesLiteral(std::string_view text, bool trailing_space, int* glyph_count) {
  std::string literal = "(";
  int count = 0;
  const auto add_byte = [&](unsigned char byte) {
    if (byte == '(' || byte == ')' || byte == '\\') {
      literal += '\\';
    } else if (byte == '\r') {
      literal += "\\r";  // a bare CR in a literal string reads back as LF
      return;
    }
    literal += static_cast<char>(byte);
  };
  const auto add_code = [&](char32_t code) {
    add_byte(static_cast<unsigned char>(code >> 8));
    add_byte(static_cast<unsigned char>(code & 0xFF));
  };
  for (size_t pos = 0; pos < text.size();) {
    add_code(GlyphCode(NextCodePoint(text, &pos)));
    ++count;
  }
  if (count > 0 && trailing_space) add_code(U' ');
  literal += ")";
  if (glyph_count != nullptr) *glyph_count = count;
  return literal;
}

void AddGlyphBlocks(const PageText& text, GlyphBlocks* blocks) {
  for (const TextLine& line : text.lines) {
    for (const Word& word : line.words) {
      for (size_t pos = 0; pos < word.text.size();) {
        blocks->set(GlyphCode(NextCodePoint(word.text, &pos)) >> 8);
      }
    }
  }
  blocks->set(0x00);  // the space glyph between words
}

QPDFObjectHandle AddGlyphLessFont(QPDF& pdf, const std::string& font_program,
                                  const GlyphBlocks& blocks) {
  QPDFObjectHandle font_file = QPDFObjectHandle::newStream(&pdf, font_program);
  font_file.getDict().replaceKey("/Length1", QPDFObjectHandle::newInteger(font_program.size()));

  // Every CID the text can use draws glyph 1, the font's only non-.notdef glyph, as Tesseract
  // does. The map ends after the last used block: CIDs past its end are never shown, and the
  // whole BMP's map costs ~150 compressed bytes against ~40.
  int last_block = 0;
  for (int high = 0; high < 256; ++high) {
    if (blocks.test(high)) last_block = high;
  }
  std::string cid_to_gid(2 * 256 * (last_block + 1), '\0');
  for (size_t i = 1; i < cid_to_gid.size(); i += 2) cid_to_gid[i] = 1;
  QPDFObjectHandle cid_to_gid_map = QPDFObjectHandle::newStream(&pdf, cid_to_gid);

  QPDFObjectHandle descriptor = pdf.makeIndirectObject(QPDFObjectHandle::parse(fmt::format(
      "<< /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5 "
      "/FontBBox [0 0 500 1000] /ItalicAngle 0 /Ascent {} /Descent {} "
      "/CapHeight {} /StemV 80 >>",
      PdfNumber(kAscentEm * 1000), PdfNumber(-kDescentEm * 1000), PdfNumber(kAscentEm * 1000))));
  descriptor.replaceKey("/FontFile2", font_file);

  QPDFObjectHandle cid_font = pdf.makeIndirectObject(QPDFObjectHandle::parse(
      fmt::format("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont "
                  "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                  "/DW {} >>",
                  PdfNumber(kGlyphAdvanceEm * 1000))));
  cid_font.replaceKey("/FontDescriptor", descriptor);
  cid_font.replaceKey("/CIDToGIDMap", cid_to_gid_map);

  QPDFObjectHandle type0 = pdf.makeIndirectObject(QPDFObjectHandle::parse(
      "<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H >>"));
  type0.replaceKey("/DescendantFonts", QPDFObjectHandle::newArray({cid_font}));
  type0.replaceKey("/ToUnicode", QPDFObjectHandle::newStream(&pdf, ToUnicodeCMap(blocks)));
  return type0;
}

std::string BuildTextLayerContent(const PageText& text, const Affine2D& upright_to_page,
                                  std::string_view font_resource) {
  std::string content = "BT\n3 Tr\n";
  std::string scale_set = "100";
  std::string size_set;
  bool matrix_set = false;
  int line_x = 0;
  double baseline_y = 0;
  // Scales in steps of 3 %, rounded to whole percents: a word is then at most ~1.5 % too wide
  // or narrow, which no selection shows (positions never drift: each word starts at its own
  // Td). Fewer distinct values compress the stream ~4 % smaller than whole percents, and ~20 %
  // smaller than decimals; the text layer is a few percent of a G4 page.
  const auto set_scale = [&](double percent) {
    const double step = std::log(1.03);
    const double steps = std::round(std::log(std::max(1.0, percent) / 100.0) / step);
    std::string scale = PdfNumber(std::max(1.0, std::round(100.0 * std::exp(steps * step))));
    if (scale == scale_set) return;
    content += scale;
    content += " Tz";
    scale_set = std::move(scale);
  };
  const std::vector<double> font_sizes = LineFontSizes(text);
  for (size_t line_index = 0; line_index < text.lines.size(); ++line_index) {
    const TextLine& line = text.lines[line_index];
    // One size and baseline per line keeps its words on one extracted line; the size, not the
    // line's own height, also decides which lines extractors gather into one block.
    const double font_size = font_sizes[line_index];
    const double glyph_advance = kGlyphAdvanceEm * font_size;
    bool line_started = false;
    for (size_t i = 0; i < line.words.size(); ++i) {
      const Word& word = line.words[i];
      int glyphs = 0;
      // A real space glyph after each word but a line's last, so extractors split words as a
      // reader would. It keeps the word's scale (a Tz per gap cost ~17 % of the stream); the
      // next word's Td puts it back on its own box whatever the space's width.
      const std::string codes = GlyphCodesLiteral(word.text, i + 1 < line.words.size(), &glyphs);
      if (glyphs == 0) continue;
      if (!line_started) {
        // Lines mostly share one size (LineFontSizes), so Tf is written only when it changes.
        std::string size = PdfNumber(font_size);
        if (size != size_set) {
          content += fmt::format("{} {} Tf\n", font_resource, size);
          size_set = std::move(size);
        }
      }
      // Text space is the upright frame's pixels, y up, origin on the baseline. The first line
      // sets it with Tm; every later move is a Td from the previous word's or line's start:
      // whole pixels along a line, the baseline step between lines (exact decimals, so
      // positions never drift). The text matrix, not `cm`, carries the page scale: Poppler
      // orders extracted text differently when the scale sits in the CTM.
      const double baseline = line.box.bottom - kDescentEm * font_size;
      if (!line_started && !matrix_set) {
        const Affine2D text_to_upright = {1, 0,  static_cast<double>(word.box.left),
                                          0, -1, baseline};
        content += PdfMatrixOperands(Compose(upright_to_page, text_to_upright));
        content += " Tm ";
        matrix_set = true;
      } else if (!line_started) {
        content +=
            fmt::format("{} {} Td ", word.box.left - line_x, PdfNumber(baseline_y - baseline));
      } else {
        content += fmt::format("{} 0 Td ", word.box.left - line_x);
      }
      if (!line_started) baseline_y = baseline;
      line_x = word.box.left;
      line_started = true;
      const double width = std::max(1, word.box.width());
      set_scale(100.0 * width / (glyphs * glyph_advance));
      content += codes;
      content += "Tj\n";
    }
  }
  content += "ET\n";
  return content;
}

}  // namespace sohoa::ocr
