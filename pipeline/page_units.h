// Small measures of the upright page shared by the pipeline's page passes (missed text, header
// rows and slots): millimetres at a page's resolution, a box's vertical centre.
#pragma once

#include <algorithm>
#include <cmath>

#include "common/page_text.h"

namespace sohoa::pipeline {

// At least one pixel: a length that rounds to nothing would make an empty kernel or band.
inline int MillimetresToPixels(double millimetres, double dpi) {
  return std::max(1, static_cast<int>(std::lround(millimetres / 25.4 * dpi)));
}

inline int CentreY(const PixelBox& box) { return (box.top + box.bottom) / 2; }

}  // namespace sohoa::pipeline
