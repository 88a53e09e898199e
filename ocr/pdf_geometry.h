// Affine helpers shared by the PDF writer: all page geometry is one chain of 2x3 transforms
// (source pixel -> upright pixel -> PDF point), so every drawing needs one `cm` / `Tm`.
#pragma once

#include <string>

#include "common/page_text.h"
#include "common/status.h"

namespace sohoa::ocr {

// outer(inner(p)).
Affine2D Compose(const Affine2D& outer, const Affine2D& inner);
Result<Affine2D> Invert(const Affine2D& m);
// Linear scale factor (square root of |determinant|): 1 source unit is this many output units.
double ScaleOf(const Affine2D& m);

// Maps pixels of a raster (y down, `height_px` rows at `dpi`) to PDF points (y up, origin at the
// raster's bottom-left corner).
Affine2D PixelsToPoints(double height_px, double dpi);

// Maps the PDF image unit square (row 0 at the top) onto the image's pixel grid.
Affine2D ImageUnitSquareToPixels(int width, int height);

// A number as PDF content streams want it: fixed point, no exponent, trailing zeros trimmed.
std::string PdfNumber(double value);
// "a b c d e f" in the operand order of `cm` / `Tm`.
std::string PdfMatrixOperands(const Affine2D& m);

}  // namespace sohoa::ocr
