#include "pipeline/rebuild.h"

#include <fmt/format.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <string_view>

namespace sohoa::pipeline {
namespace fs = std::filesystem;

namespace {

using DocumentPtr = std::unique_ptr<poppler::document>;
using PagePtr = std::unique_ptr<poppler::page>;

std::string Utf8(const poppler::ustring& text) {
  const auto bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// Decodes the five XML entities and numeric references that ocr/pdfa.cc (or an XMP editor)
// may have written.
std::string XmlUnescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    const size_t end = text.find(';', i);
    if (end == std::string_view::npos || end - i > 10) {
      out += text[i];
      continue;
    }
    const std::string_view entity = text.substr(i + 1, end - i - 1);
    if (entity == "amp")
      out += '&';
    else if (entity == "lt")
      out += '<';
    else if (entity == "gt")
      out += '>';
    else if (entity == "quot")
      out += '"';
    else if (entity == "apos")
      out += '\'';
    else if (!entity.empty() && entity[0] == '#') {
      const bool hex = entity.size() > 1 && (entity[1] == 'x' || entity[1] == 'X');
      const unsigned long code =
          std::strtoul(std::string(entity.substr(hex ? 2 : 1)).c_str(), nullptr, hex ? 16 : 10);
      if (code < 0x80) {
        out += static_cast<char>(code);
      } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
      } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
      } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
      }
    } else {
      out += text.substr(i, end - i + 1);
    }
    i = end;
  }
  return out;
}

// The text of element `sohoa:NAME` (written as an element by ocr/pdfa.cc), or nullopt.
std::optional<std::string> XmpField(const std::string& xmp, const std::string& name) {
  const std::string open = "<sohoa:" + name + ">";
  const size_t start = xmp.find(open);
  if (start == std::string::npos) {
    // An empty element may have been written as <sohoa:NAME/>.
    if (xmp.find("<sohoa:" + name + "/>") != std::string::npos) return std::string();
    return std::nullopt;
  }
  const size_t begin = start + open.size();
  const size_t end = xmp.find("</sohoa:" + name + ">", begin);
  if (end == std::string::npos) return std::nullopt;
  return XmlUnescape(std::string_view(xmp).substr(begin, end - begin));
}

std::vector<index::MetadataSection> SectionsFromJson(const std::string& catalog_json) {
  std::vector<index::MetadataSection> sections;
  const nlohmann::json json = nlohmann::json::parse(catalog_json, nullptr, false);
  if (!json.is_object() || !json.contains("sections") || !json["sections"].is_array()) {
    return sections;
  }
  for (const nlohmann::json& item : json["sections"]) {
    if (!item.is_object()) continue;
    index::MetadataSection section;
    section.first_page = item.value("first_page", 1);
    section.last_page = item.value("last_page", section.first_page);
    index::DocumentMeta& meta = section.meta;
    const std::pair<const char*, std::string*> fields[] = {{"number", &meta.number},
                                                           {"symbol", &meta.symbol},
                                                           {"date", &meta.date},
                                                           {"place", &meta.place},
                                                           {"type", &meta.type},
                                                           {"agency", &meta.agency},
                                                           {"agency_parent", &meta.agency_parent},
                                                           {"subject", &meta.subject},
                                                           {"signer", &meta.signer},
                                                           {"person_name", &meta.person_name},
                                                           {"birth_date", &meta.birth_date},
                                                           {"unit", &meta.unit}};
    for (const auto& [key, field] : fields) {
      if (item.contains(key) && item[key].is_string()) *field = item[key].get<std::string>();
    }
    if (item.contains("fields") && item["fields"].is_array()) {
      for (const nlohmann::json& stored : item["fields"]) {
        if (!stored.is_object()) continue;
        meta.fields.push_back({stored.value("name", ""), stored.value("value", ""),
                               stored.value("confidence", 0.0f), stored.value("source", "")});
      }
    }
    sections.push_back(std::move(section));
  }
  return sections;
}

PixelBox ToPixels(const poppler::rectf& rect, double scale, int width, int height) {
  PixelBox box;
  box.left = std::clamp(static_cast<int>(std::floor(rect.left() * scale)), 0, width);
  box.top = std::clamp(static_cast<int>(std::floor(rect.top() * scale)), 0, height);
  box.right = std::clamp(static_cast<int>(std::ceil(rect.right() * scale)), 0, width);
  box.bottom = std::clamp(static_cast<int>(std::ceil(rect.bottom() * scale)), 0, height);
  return box;
}

void Extend(PixelBox* box, const PixelBox& other) {
  box->left = std::min(box->left, other.left);
  box->top = std::min(box->top, other.top);
  box->right = std::max(box->right, other.right);
  box->bottom = std::max(box->bottom, other.bottom);
}

// A word continues the current line when it sits at the line's height and to its right;
// the text layer holds one line's words in order, so this gives back the OCR lines.
bool ContinuesLine(const TextLine& line, const PixelBox& word) {
  const Word& last = line.words.back();
  const int centre = (word.top + word.bottom) / 2;
  const int tolerance = std::max(2, last.box.height() / 4);
  return centre >= line.box.top && centre <= line.box.bottom &&
         word.left + tolerance >= last.box.right - last.box.height();
}

PageText ReadPage(const poppler::page& page) {
  PageText text;
  text.dpi = kRebuildDpi;
  const double scale = kRebuildDpi / 72.0;
  const poppler::rectf rect = page.page_rect();
  text.width_px = static_cast<int>(std::lround(std::abs(rect.width()) * scale));
  text.height_px = static_cast<int>(std::lround(std::abs(rect.height()) * scale));
  int block = 0;
  for (const poppler::text_box& box : page.text_list()) {
    Word word;
    word.text = Utf8(box.text());
    if (word.text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    word.box = ToPixels(box.bbox(), scale, text.width_px, text.height_px);
    if (word.box.width() <= 0 || word.box.height() <= 0) continue;  // off-page text
    word.confidence = 100;                                          // not kept in the PDF
    if (!text.lines.empty() && ContinuesLine(text.lines.back(), word.box)) {
      Extend(&text.lines.back().box, word.box);
      text.lines.back().words.push_back(std::move(word));
      continue;
    }
    if (!text.lines.empty()) {
      const PixelBox& previous = text.lines.back().box;
      // Going back up the page, or a gap of more than two lines, starts a new block.
      if (word.box.top < previous.top || word.box.top - previous.bottom > 2 * previous.height()) {
        ++block;
      }
    }
    TextLine line;
    line.box = word.box;
    line.block_index = block;
    line.words.push_back(std::move(word));
    text.lines.push_back(std::move(line));
  }
  int words = 0;
  for (const TextLine& line : text.lines) words += static_cast<int>(line.words.size());
  text.quality.word_count = words;
  text.quality.text_from_pdf = true;
  text.quality.source_dpi = kRebuildDpi;
  text.quality.mean_confidence = 100;
  return text;
}

// The XMP packet's bytes (UTF-8). Read with qpdf: poppler-cpp hands the metadata out as a
// ustring decoded as 8-bit PDFDocEncoding, which would mangle every non-ASCII character.
Result<std::string> ReadXmp(const fs::path& pdf_path) {
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.processFile(pdf_path.c_str());
    QPDFObjectHandle metadata = pdf.getRoot().getKey("/Metadata");
    if (!metadata.isStream()) return std::string();
    std::shared_ptr<Buffer> data = metadata.getStreamData(qpdf_dl_generalized);
    return std::string(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
  } catch (const std::exception& error) {
    return InvalidInput(pdf_path.string() + ": invalid PDF (" + error.what() + ")");
  }
}

void SilencePoppler() {
  static std::once_flag once;
  std::call_once(
      once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

}  // namespace

Result<RebuiltDocument> ReadSearchablePdf(const fs::path& pdf_path) {
  Result<std::string> xmp_packet = ReadXmp(pdf_path);
  if (!xmp_packet.ok()) return xmp_packet.status();
  const std::string& xmp = *xmp_packet;
  const std::optional<std::string> source = XmpField(xmp, "sourceName");
  if (!source || source->empty()) {
    return NotFound(pdf_path.string() + ": no sohoa XMP metadata (not written by sohoa)");
  }
  SilencePoppler();
  DocumentPtr document(poppler::document::load_from_file(pdf_path.string()));
  if (!document) return InvalidInput(pdf_path.string() + ": invalid PDF (cannot be parsed)");
  if (document->is_locked()) return Unsupported(pdf_path.string() + ": encrypted PDF");
  RebuiltDocument rebuilt;
  rebuilt.record.input_path = *source;
  rebuilt.record.output_path = pdf_path.string();
  rebuilt.record.sha256 = XmpField(xmp, "sourceSha256").value_or("");
  rebuilt.record.status = "done";
  const int page_count = document->pages();
  for (int i = 0; i < page_count; ++i) {
    PagePtr page(document->create_page(i));
    if (!page)
      return InvalidInput(fmt::format("{}: page {} cannot be read", pdf_path.string(), i + 1));
    rebuilt.pages.push_back(ReadPage(*page));
  }
  rebuilt.record.page_count = page_count;
  rebuilt.sections = SectionsFromJson(XmpField(xmp, "catalogJson").value_or(""));
  return rebuilt;
}

Result<RebuildReport> RebuildCatalog(const fs::path& output_dir, index::Catalog* catalog) {
  std::error_code ec;
  if (!fs::is_directory(output_dir, ec)) {
    return NotFound("no output folder at " + output_dir.string());
  }
  std::vector<fs::path> pdfs;
  for (fs::recursive_directory_iterator it(output_dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    const fs::path& path = it->path();
    const std::string name = path.filename().string();
    // Hidden files include the writer's temporary files.
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), ::tolower);
    if (extension == ".pdf" && it->is_regular_file(ec)) pdfs.push_back(path);
  }
  if (ec) return IoError("cannot list " + output_dir.string() + ": " + ec.message());
  std::sort(pdfs.begin(), pdfs.end());
  RebuildReport report;
  for (const fs::path& pdf : pdfs) {
    Result<RebuiltDocument> rebuilt = ReadSearchablePdf(pdf);
    if (!rebuilt.ok()) {
      report.skipped.push_back(rebuilt.status().message());
      continue;
    }
    SOHOA_RETURN_IF_ERROR(catalog->PutDocument(rebuilt->record, rebuilt->pages, rebuilt->sections));
    ++report.documents;
    report.pages += rebuilt->record.page_count;
  }
  return report;
}

}  // namespace sohoa::pipeline
