// Ruled lines through a small crop of a header field: a stamp frame's edge, the motto's
// underline, a form's fill line. They are print no reader should see, yet the strokes they
// cross (a pen digit, the symbol's slash) must stay whole.
#pragma once

#include <opencv2/core.hpp>

namespace sohoa::ocr {

// `ink` (CV_8UC1, 255 on 0) without the ink of straight rules at least `rule_length` px long,
// level or tilted up to 4 degrees, and of rules tilted up to 10 degrees (a stamp pressed
// askew) at least `rule_length` and twice the crop's height long. Where a stroke meets a
// rule's top edge and leaves its bottom edge, the rule's pixels between are the stroke's and
// are kept; so are those where a stroke lies along the rule (a '2''s foot written on it),
// making it thicker than it is nearby for longer than a stroke is wide. A copy of `ink` when it is
// no wider than `rule_length`, or `rule_length` is below 2.
cv::Mat WithoutRules(const cv::Mat& ink, int rule_length);

}  // namespace sohoa::ocr
