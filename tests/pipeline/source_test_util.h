// Fixture builders for the source_*_test.cc files: images written through Leptonica (so they
// carry a resolution), minimal hand-made PDFs, and small bad files.
#pragma once

#include <fmt/format.h>
#include <leptonica/allheaders.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

namespace sohoa::pipeline::test {

struct PixFree {
  void operator()(Pix* pix) const { pixDestroy(&pix); }
};
using TestPix = std::unique_ptr<Pix, PixFree>;

// A white A4 page at `dpi` with lines of black (ASCII) text, drawn with OpenCV's own fonts so
// it does not depend on FreeType.
inline cv::Mat TextPage(double dpi) {
  const int width = static_cast<int>(std::lround(210 / 25.4 * dpi));
  const int height = static_cast<int>(std::lround(297 / 25.4 * dpi));
  cv::Mat page(height, width, CV_8UC1, cv::Scalar(255));
  const double scale = dpi / 150;
  for (int line = 0; line < 40; ++line) {
    cv::putText(
        page, fmt::format("Line {}: Quyet dinh ve viec phat trien kinh te 2024", line + 1),
        cv::Point(static_cast<int>(150 * scale), static_cast<int>((150 + 40 * line) * scale)),
        cv::FONT_HERSHEY_SIMPLEX, 0.8 * scale, cv::Scalar(0),
        std::max(1, static_cast<int>(2 * scale)));
  }
  return page;
}

// CV_8UC1 -> 8 bpp Pix with the given resolution.
inline TestPix MatToPix8(const cv::Mat& grey, int dpi) {
  TestPix pix(pixCreate(grey.cols, grey.rows, 8));
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < grey.rows; ++y) {
    std::memcpy(reinterpret_cast<char*>(data + y * wpl), grey.ptr(y), grey.cols);
  }
  pixEndianByteSwap(pix.get());  // raster byte order -> Leptonica's word order
  pixSetResolution(pix.get(), dpi, dpi);
  return pix;
}

// Threshold to a 1 bpp Pix (1 = black).
inline TestPix MatToPix1(const cv::Mat& grey, int dpi) {
  TestPix eight = MatToPix8(grey, dpi);
  TestPix one(pixConvertTo1(eight.get(), 128));
  pixSetResolution(one.get(), dpi, dpi);
  return one;
}

inline std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline void WriteAll(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// One image XObject drawn over the whole page, plus optional extra content (text).
struct PdfPageSpec {
  std::string image_dict;  // e.g. "/Filter /DCTDecode /ColorSpace /DeviceGray /BitsPerComponent 8"
  std::string image_data;  // empty: no image
  int image_width = 0, image_height = 0;
  double width_pt = 595.28, height_pt = 841.89;
  std::string extra_content;  // drawn after the image; may use font /F1 (Helvetica)
};

// Writes a minimal valid PDF (correct xref) with the given pages.
inline std::string MakePdf(const std::vector<PdfPageSpec>& pages) {
  std::vector<std::string> objects;  // object i+1
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("");  // pages tree, filled below
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");  // 3
  std::string kids;
  for (const PdfPageSpec& spec : pages) {
    const int page_obj = static_cast<int>(objects.size()) + 1;
    const int content_obj = page_obj + 1;
    const int image_obj = page_obj + 2;
    kids += fmt::format("{} 0 R ", page_obj);
    std::string resources = "/Font << /F1 3 0 R >>";
    std::string content;
    if (!spec.image_data.empty()) {
      resources += fmt::format(" /XObject << /Im0 {} 0 R >>", image_obj);
      content +=
          fmt::format("q {:.2f} 0 0 {:.2f} 0 0 cm /Im0 Do Q\n", spec.width_pt, spec.height_pt);
    }
    content += spec.extra_content;
    objects.push_back(fmt::format(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {:.2f} {:.2f}] /Resources << {} >> "
        "/Contents {} 0 R >>",
        spec.width_pt, spec.height_pt, resources, content_obj));
    objects.push_back(
        fmt::format("<< /Length {} >>\nstream\n{}\nendstream", content.size(), content));
    if (!spec.image_data.empty()) {
      objects.push_back(fmt::format(
          "<< /Type /XObject /Subtype /Image /Width {} /Height {} {} /Length {} >>\nstream\n{}"
          "\nendstream",
          spec.image_width, spec.image_height, spec.image_dict, spec.image_data.size(),
          spec.image_data));
    } else {
      objects.push_back("null");
    }
  }
  objects[1] = fmt::format("<< /Type /Pages /Kids [{}] /Count {} >>", kids, pages.size());
  std::string pdf = "%PDF-1.5\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += fmt::format("{} 0 obj\n{}\nendobj\n", i + 1, objects[i]);
  }
  const size_t xref = pdf.size();
  pdf += fmt::format("xref\n0 {}\n0000000000 65535 f \n", objects.size() + 1);
  for (size_t offset : offsets) pdf += fmt::format("{:010d} 00000 n \n", offset);
  pdf += fmt::format("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{}\n%%EOF\n",
                     objects.size() + 1, xref);
  return pdf;
}

inline uint32_t Crc32(const std::string& bytes) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : bytes) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

// A PNG whose header claims width x height (1 bit grey) with a tiny, incomplete body: enough
// for a header check, never decodable. Costs nothing to make at any claimed size.
inline std::string PngHeaderOnly(uint32_t width, uint32_t height) {
  auto be32 = [](uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  std::string ihdr = "IHDR" + be32(width) + be32(height) + std::string("\x01\x00\x00\x00\x00", 5);
  std::string png = "\x89PNG\r\n\x1A\n";
  png += be32(13) + ihdr + be32(Crc32(ihdr));
  std::string idat = "IDAT" + std::string("\x78\x9C\x03\x00", 4);
  png += be32(4) + idat + be32(Crc32(idat));
  return png;
}

}  // namespace sohoa::pipeline::test
