#include "ocr/pdf_geometry.h"

#include <fmt/format.h>

#include <cmath>

namespace sohoa::ocr {

Affine2D Compose(const Affine2D& outer, const Affine2D& inner) {
  const Affine2D& a = outer;
  const Affine2D& b = inner;
  return {a[0] * b[0] + a[1] * b[3], a[0] * b[1] + a[1] * b[4], a[0] * b[2] + a[1] * b[5] + a[2],
          a[3] * b[0] + a[4] * b[3], a[3] * b[1] + a[4] * b[4], a[3] * b[2] + a[4] * b[5] + a[5]};
}

Result<Affine2D> Invert(const Affine2D& m) {
  const double det = m[0] * m[4] - m[1] * m[3];
  if (!std::isfinite(det) || std::abs(det) < 1e-12) {
    return InvalidInput("page transform is singular");
  }
  const double a = m[4] / det;
  const double b = -m[1] / det;
  const double d = -m[3] / det;
  const double e = m[0] / det;
  return Affine2D{a, b, -(a * m[2] + b * m[5]), d, e, -(d * m[2] + e * m[5])};
}

double ScaleOf(const Affine2D& m) { return std::sqrt(std::abs(m[0] * m[4] - m[1] * m[3])); }

Affine2D PixelsToPoints(double height_px, double dpi) {
  const double points_per_pixel = 72.0 / dpi;
  return {points_per_pixel, 0, 0, 0, -points_per_pixel, height_px * points_per_pixel};
}

Affine2D ImageUnitSquareToPixels(int width, int height) {
  return {static_cast<double>(width), 0, 0, 0, -static_cast<double>(height),
          static_cast<double>(height)};
}

std::string PdfNumber(double value) {
  // Five decimals keep a 1/100 px precision on the largest pages while staying deterministic.
  std::string text = fmt::format("{:.5f}", value);
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  if (text == "-0" || text.empty()) return std::string("0");
  return text;
}

std::string PdfMatrixOperands(const Affine2D& m) {
  // PDF matrices are [a b c d e f] with x' = a x + c y + e, y' = b x + d y + f.
  return fmt::format("{} {} {} {} {} {}", PdfNumber(m[0]), PdfNumber(m[3]), PdfNumber(m[1]),
                     PdfNumber(m[4]), PdfNumber(m[2]), PdfNumber(m[5]));
}

}  // namespace sohoa::ocr
