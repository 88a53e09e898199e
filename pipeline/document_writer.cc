#include "pipeline/document_writer.h"

#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "pipeline/journal.h"

namespace sohoa::pipeline {
namespace fs = std::filesystem;

namespace {

nlohmann::json SectionsJson(const std::vector<index::MetadataSection>& sections) {
  nlohmann::json json = nlohmann::json::array();
  for (const index::MetadataSection& section : sections) {
    const index::DocumentMeta& meta = section.meta;
    // Stamp and signature values, so that `sohoa catalog rebuild` restores them too.
    nlohmann::json fields = nlohmann::json::array();
    for (const index::MetaField& field : meta.fields) {
      fields.push_back({{"name", field.name},
                        {"value", field.value},
                        {"confidence", field.confidence},
                        {"source", field.source}});
    }
    json.push_back({{"first_page", section.first_page},
                    {"last_page", section.last_page},
                    {"number", meta.number},
                    {"symbol", meta.symbol},
                    {"date", meta.date},
                    {"type", meta.type},
                    {"agency", meta.agency},
                    {"agency_parent", meta.agency_parent},
                    {"place", meta.place},
                    {"subject", meta.subject},
                    {"signer", meta.signer},
                    {"person_name", meta.person_name},
                    {"birth_date", meta.birth_date},
                    {"unit", meta.unit},
                    {"fields", fields}});
  }
  return json;
}

}  // namespace

Status WriteSearchablePdf(const SourceInfo& source, const std::vector<PageText>& pages,
                          const std::vector<PageLayout>& layouts,
                          const std::vector<index::MetadataSection>& sections,
                          const std::string& display_path, const ocr::WriteOptions& options,
                          const fs::path& output_path, const DocumentStamp& stamp) {
  ocr::DocumentInfo info;
  info.title = source.path.filename().string();
  info.source_name = display_path;
  info.source_sha256 = source.sha256;
  info.create_date_iso = stamp.create_date_iso;
  info.settings_digest = stamp.settings_digest;
  info.catalog_json = nlohmann::json({{"sections", SectionsJson(sections)}}).dump();

  Result<fs::path> temp = TempPathBeside(output_path);
  if (!temp.ok()) return temp.status();
  Status written;
  if (source.format == SourceFormat::kPdf) {
    std::vector<ocr::PdfPageLayout> pdf_pages;
    for (size_t i = 0; i < pages.size(); ++i) {
      pdf_pages.push_back({pages[i], layouts[i].render_dpi, !layouts[i].has_real_text});
    }
    written = ocr::WritePdfDocument(source.path, pdf_pages, info, options, *temp);
  } else {
    std::vector<ocr::ImagePageLayout> image_pages;
    for (size_t i = 0; i < pages.size(); ++i) {
      image_pages.push_back({pages[i], layouts[i].source_width, layouts[i].source_height});
    }
    ocr::ImageSupplier supplier = [&source](int page_index) {
      return EncodedImageForPage(source, page_index);
    };
    written = ocr::WriteImageDocument(image_pages, supplier, info, options, *temp);
  }
  if (!written.ok()) {
    std::error_code ec;
    fs::remove(*temp, ec);
    return written;
  }
  CrashPointForTests("pdf-temp-written");
  return CommitTempFile(*temp, output_path);
}

}  // namespace sohoa::pipeline
