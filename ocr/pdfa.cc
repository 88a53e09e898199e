#include "ocr/pdfa.h"

#include <fmt/format.h>

#include <cctype>
#include <chrono>
#include <ctime>
#include <qpdf/Pl_Buffer.hh>
#include <qpdf/Pl_Flate.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include "ocr/pdf_output.h"

namespace sohoa::ocr {
namespace {

constexpr char kProducer[] = "sohoa";
constexpr char kCreatorTool[] = "sohoa 0.1.0";

// Escapes for XML element content (quotes need no escape there, and the catalog JSON is full
// of them); drops characters XML 1.0 cannot carry.
std::string XmlEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        if (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

bool AllDigits(const std::string& text, size_t pos, size_t count) {
  if (pos + count > text.size()) return false;
  for (size_t i = pos; i < pos + count; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

struct ExtensionProperty {
  const char* name;
  const char* description;
};
constexpr ExtensionProperty kSohoaProperties[] = {
    {"sourceName", "Path of the scanned source file as given to sohoa"},
    {"sourceSha256", "SHA-256 of the source file, hex"},
    {"settingsDigest", "Digest of the sohoa settings that change the output"},
    {"catalogJson", "Catalog record (JSON) to rebuild the full-text catalog"},
};

// PDF/A requires every schema outside the predefined ones to be described in the packet.
std::string SohoaExtensionSchema() {
  std::string properties;
  for (const ExtensionProperty& property : kSohoaProperties) {
    properties += fmt::format(
        "       <rdf:li rdf:parseType=\"Resource\">\n"
        "        <pdfaProperty:name>{}</pdfaProperty:name>\n"
        "        <pdfaProperty:valueType>Text</pdfaProperty:valueType>\n"
        "        <pdfaProperty:category>external</pdfaProperty:category>\n"
        "        <pdfaProperty:description>{}</pdfaProperty:description>\n"
        "       </rdf:li>\n",
        property.name, property.description);
  }
  return fmt::format(
      "  <rdf:Description rdf:about=\"\"\n"
      "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
      "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
      "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
      "   <pdfaExtension:schemas>\n"
      "    <rdf:Bag>\n"
      "     <rdf:li rdf:parseType=\"Resource\">\n"
      "      <pdfaSchema:schema>sohoa provenance</pdfaSchema:schema>\n"
      "      <pdfaSchema:namespaceURI>{}</pdfaSchema:namespaceURI>\n"
      "      <pdfaSchema:prefix>sohoa</pdfaSchema:prefix>\n"
      "      <pdfaSchema:property>\n"
      "       <rdf:Seq>\n{}"
      "       </rdf:Seq>\n"
      "      </pdfaSchema:property>\n"
      "     </rdf:li>\n"
      "    </rdf:Bag>\n"
      "   </pdfaExtension:schemas>\n"
      "  </rdf:Description>\n",
      kSohoaXmpNamespace, properties);
}

}  // namespace

Result<PdfaDates> ResolveCreateDate(const std::string& iso) {
  std::string text = iso;
  if (text.empty()) {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &utc);
    text = buffer;
  }
  const bool layout_ok = text.size() >= 20 && AllDigits(text, 0, 4) && text[4] == '-' &&
                         AllDigits(text, 5, 2) && text[7] == '-' && AllDigits(text, 8, 2) &&
                         text[10] == 'T' && AllDigits(text, 11, 2) && text[13] == ':' &&
                         AllDigits(text, 14, 2) && text[16] == ':' && AllDigits(text, 17, 2);
  const std::string zone = layout_ok ? text.substr(19) : "";
  const bool zone_ok =
      zone == "Z" || (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') &&
                      AllDigits(zone, 1, 2) && zone[3] == ':' && AllDigits(zone, 4, 2));
  if (!layout_ok || !zone_ok) {
    return InvalidInput("create date is not YYYY-MM-DDTHH:MM:SS(Z|+HH:MM): " + iso);
  }
  PdfaDates dates;
  dates.xmp = text;
  dates.pdf = "D:" + text.substr(0, 4) + text.substr(5, 2) + text.substr(8, 2) +
              text.substr(11, 2) + text.substr(14, 2) + text.substr(17, 2) +
              (zone == "Z" ? std::string("Z") : zone.substr(0, 3) + "'" + zone.substr(4, 2) + "'");
  return dates;
}

std::string BuildXmpPacket(const DocumentInfo& info, const PdfaDates& dates) {
  return fmt::format(
      "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
      " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
      "  <rdf:Description rdf:about=\"\"\n"
      "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
      "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
      "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
      "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
      "    xmlns:sohoa=\"{kns}\">\n"
      "   <pdfaid:part>2</pdfaid:part>\n"
      "   <pdfaid:conformance>B</pdfaid:conformance>\n"
      "   <dc:format>application/pdf</dc:format>\n"
      "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n"
      "   <xmp:CreateDate>{date}</xmp:CreateDate>\n"
      "   <xmp:ModifyDate>{date}</xmp:ModifyDate>\n"
      "   <xmp:MetadataDate>{date}</xmp:MetadataDate>\n"
      "   <xmp:CreatorTool>{tool}</xmp:CreatorTool>\n"
      "   <pdf:Producer>{producer}</pdf:Producer>\n"
      "   <sohoa:sourceName>{source}</sohoa:sourceName>\n"
      "   <sohoa:sourceSha256>{sha}</sohoa:sourceSha256>\n"
      "   <sohoa:settingsDigest>{settings}</sohoa:settingsDigest>\n"
      "   <sohoa:catalogJson>{catalog}</sohoa:catalogJson>\n"
      "  </rdf:Description>\n"
      "{extension}"
      " </rdf:RDF>\n"
      "</x:xmpmeta>\n"
      "<?xpacket end=\"w\"?>",
      fmt::arg("kns", kSohoaXmpNamespace), fmt::arg("title", XmlEscape(info.title)),
      fmt::arg("date", dates.xmp), fmt::arg("tool", kCreatorTool), fmt::arg("producer", kProducer),
      fmt::arg("source", XmlEscape(info.source_name)),
      fmt::arg("sha", XmlEscape(info.source_sha256)),
      fmt::arg("settings", XmlEscape(info.settings_digest)),
      fmt::arg("catalog", XmlEscape(info.catalog_json)),
      fmt::arg("extension", SohoaExtensionSchema()));
}

namespace {

// PDF/A-1 kept XMP unfiltered; PDF/A-2 dropped that rule, and the packet compresses from
// ~3.8 KB to ~1.3 KB, which is several percent of a small G4 document.
QPDFObjectHandle NewFlateStream(QPDF& pdf, const std::string& data) {
  UseBestFlateLevel();
  Pl_Buffer compressed("flate");
  Pl_Flate flate("xmp", &compressed, Pl_Flate::a_deflate);
  flate.writeString(data);
  flate.finish();
  std::shared_ptr<Buffer> bytes = compressed.getBufferSharedPointer();
  QPDFObjectHandle stream = QPDFObjectHandle::newStream(&pdf);
  stream.replaceStreamData(
      std::string(reinterpret_cast<const char*>(bytes->getBuffer()), bytes->getSize()),
      QPDFObjectHandle::newName("/FlateDecode"), QPDFObjectHandle::newNull());
  stream.setFilterOnWrite(false);  // QPDFWriter would otherwise store the root XMP plain
  return stream;
}

}  // namespace

Status AddPdfaParts(QPDF& pdf, const DocumentInfo& info, const OutputProfile& output_profile) {
  Result<PdfaDates> dates = ResolveCreateDate(info.create_date_iso);
  if (!dates.ok()) return dates.status();
  QPDFObjectHandle root = pdf.getRoot();

  QPDFObjectHandle metadata = NewFlateStream(pdf, BuildXmpPacket(info, *dates));
  metadata.getDict().replaceKey("/Type", QPDFObjectHandle::newName("/Metadata"));
  metadata.getDict().replaceKey("/Subtype", QPDFObjectHandle::newName("/XML"));
  root.replaceKey("/Metadata", metadata);

  const bool gray = output_profile.components == 1;
  QPDFObjectHandle profile = QPDFObjectHandle::newStream(&pdf, output_profile.icc);
  profile.getDict().replaceKey("/N", QPDFObjectHandle::newInteger(gray ? 1 : 3));
  QPDFObjectHandle intent = QPDFObjectHandle::parse(
      gray ? "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (Gray) "
             "/Info (Gray) >>"
           : "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) "
             "/Info (sRGB IEC61966-2.1) >>");
  intent.replaceKey("/DestOutputProfile", profile);
  root.replaceKey("/OutputIntents", QPDFObjectHandle::newArray({pdf.makeIndirectObject(intent)}));

  // Every Info entry must match its XMP twin, so the old dictionary is replaced, not merged.
  QPDFObjectHandle doc_info = QPDFObjectHandle::newDictionary();
  doc_info.replaceKey("/Title", QPDFObjectHandle::newUnicodeString(info.title));
  doc_info.replaceKey("/Producer", QPDFObjectHandle::newUnicodeString(kProducer));
  doc_info.replaceKey("/Creator", QPDFObjectHandle::newUnicodeString(kCreatorTool));
  doc_info.replaceKey("/CreationDate", QPDFObjectHandle::newString(dates->pdf));
  doc_info.replaceKey("/ModDate", QPDFObjectHandle::newString(dates->pdf));
  pdf.getTrailer().replaceKey("/Info", pdf.makeIndirectObject(doc_info));
  return Status::Ok();
}

}  // namespace sohoa::ocr
