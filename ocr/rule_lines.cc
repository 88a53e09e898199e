#include "ocr/rule_lines.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace sohoa::ocr {
namespace {

// Rules of the given length are found tilted up to this many degrees, longer ones further.
constexpr int kLevelRuleDegrees = 4;
constexpr int kSteepestRuleDegrees = 10;

// The ink (255 in `ink`) of straight rules at least `length` px long, level or tilted up to
// 4 degrees (a stamp frame, a scan left slightly skewed). Each tilt is tried by shifting every
// column by a whole number of rows, which is exactly undone: a rule is then one pixel row's
// unbroken run. Thickening the ink instead to catch the tilt joined the tops of bold, touching
// printed digits into one long 'rule'.
//
// A stamp is pressed at any angle, so its frame's edges cross a field tilted further. Tilted
// past 4 degrees a rule counts only when it runs twice the crop's height or more: a pen
// stroke is never that long, and a level one of `length` (a '7''s bar, a '2''s base) may be.
cv::Mat RuleInk(const cv::Mat& ink, int length) {
  cv::Mat rules = cv::Mat::zeros(ink.size(), CV_8UC1);
  const int steep_length = std::max(length, 2 * ink.rows);
  const int steepest = steep_length < ink.cols ? kSteepestRuleDegrees : kLevelRuleDegrees;
  constexpr double kDegree = 0.01745;
  for (int step = -steepest; step <= steepest; ++step) {
    const bool steep = std::abs(step) > kLevelRuleDegrees;
    const cv::Mat run =
        cv::getStructuringElement(cv::MORPH_RECT, cv::Size(steep ? steep_length : length, 1));
    const double slope = step * kDegree;
    const int extra = static_cast<int>(std::ceil(std::abs(slope) * ink.cols)) + 1;
    auto shift_of = [&](int x) {
      return static_cast<int>(std::lround(slope * x)) + (slope < 0 ? extra - 1 : 0);
    };
    cv::Mat sheared = cv::Mat::zeros(ink.rows + extra, ink.cols, CV_8UC1);
    for (int x = 0; x < ink.cols; ++x) {
      ink.col(x).copyTo(sheared(cv::Rect(x, shift_of(x), 1, ink.rows)));
    }
    cv::Mat opened;
    cv::morphologyEx(sheared, opened, cv::MORPH_OPEN, run);
    if (cv::countNonZero(opened) == 0) continue;
    for (int x = 0; x < ink.cols; ++x) {
      cv::Mat column = rules.col(x);
      cv::bitwise_or(column, opened(cv::Rect(x, shift_of(x), 1, ink.rows)), column);
    }
  }
  // A rule's antialiased edge rows are not one unbroken run each.
  cv::dilate(rules, rules, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, 3)));
  return rules & ink;
}

// How many pixel rows thick the rules of `rules` (255 on 0) are: the median count of rule
// pixels in the columns they cross.
int RuleThickness(const cv::Mat& rules) {
  std::vector<int> counts;
  for (int x = 0; x < rules.cols; ++x) {
    const int count = cv::countNonZero(rules.col(x));
    if (count > 0) counts.push_back(count);
  }
  if (counts.empty()) return 0;
  std::nth_element(counts.begin(), counts.begin() + counts.size() / 2, counts.end());
  return counts[counts.size() / 2];
}

// How wide the strokes of `ink` (255 on 0) are across: the median length of its runs along
// the rows (0 without ink).
int StrokeWidth(const cv::Mat& ink) {
  std::vector<int> runs;
  for (int y = 0; y < ink.rows; ++y) {
    const uchar* row = ink.ptr<uchar>(y);
    for (int x = 0; x < ink.cols;) {
      if (!row[x]) {
        ++x;
        continue;
      }
      const int begin = x;
      while (x < ink.cols && row[x]) ++x;
      runs.push_back(x - begin);
    }
  }
  if (runs.empty()) return 0;
  std::nth_element(runs.begin(), runs.begin() + runs.size() / 2, runs.end());
  return runs[runs.size() / 2];
}

// The rule pixels (of `rules`, 255 on 0) a stroke of `kept` crosses: a stamp frame's edge
// through a pen numeral. Where the stroke meets a rule's top edge and leaves its bottom edge
// (no further sideways than the rule is thick: a slanted pen stroke), the rule's ink between
// the two is the stroke's. Left out, the digit falls into halves, and the half outside the
// row's middle band is dropped. A stroke is matched by where it touches the rule, not by how
// near it is: between the close strokes of a numeral (inside its '0') the edge still goes.
cv::Mat StrokesThroughRules(const cv::Mat& kept, const cv::Mat& rules, int thickness) {
  cv::Mat crossings = cv::Mat::zeros(rules.size(), CV_8UC1);
  cv::Mat labels;
  const int count = cv::connectedComponents(rules, labels, 8, CV_32S);
  struct Contact {
    int left, right, y_left, y_right;  // columns, and the rule's edge row at each end
  };
  for (int label = 1; label < count; ++label) {
    // The rule's top and bottom rows in each column, and where a stroke touches each edge.
    std::vector<Contact> above, below;
    auto extend = [](std::vector<Contact>* contacts, int x, int y) {
      if (!contacts->empty() && contacts->back().right >= x - 2) {
        contacts->back().right = x, contacts->back().y_right = y;
      } else {
        contacts->push_back({x, x, y, y});
      }
    };
    for (int x = 0; x < rules.cols; ++x) {
      int top = -1, bottom = -1;
      for (int y = 0; y < rules.rows; ++y) {
        if (labels.at<int>(y, x) != label) continue;
        if (top < 0) top = y;
        bottom = y;
      }
      if (top < 0) continue;
      if (top > 0 && kept.at<uchar>(top - 1, x)) extend(&above, x, top);
      if (bottom + 1 < rules.rows && kept.at<uchar>(bottom + 1, x)) extend(&below, x, bottom);
    }
    const double reach = std::max(3, thickness);
    for (const Contact& top : above) {
      const double top_centre = (top.left + top.right) / 2.0;
      const Contact* match = nullptr;
      const int top_width = top.right - top.left + 1;
      for (const Contact& bottom : below) {
        const double shift = std::abs((bottom.left + bottom.right) / 2.0 - top_centre);
        // One stroke is about as wide on both sides of the rule; a thin printed descender
        // above it does not go on into a pen numeral's broad top below it.
        const int bottom_width = bottom.right - bottom.left + 1;
        if (std::max(top_width, bottom_width) > 5 * std::min(top_width, bottom_width) / 2 + 2) {
          continue;
        }
        if (shift <= reach &&
            (!match || shift < std::abs((match->left + match->right) / 2.0 - top_centre))) {
          match = &bottom;
        }
      }
      if (!match) continue;  // a stroke ending on the rule ('3' and '5' tops) stays apart
      const cv::Point corners[] = {{top.left, top.y_left},
                                   {top.right, top.y_right},
                                   {match->right, match->y_right},
                                   {match->left, match->y_left}};
      cv::fillConvexPoly(crossings, corners, 4, cv::Scalar(255));
    }
  }
  return crossings & rules;
}

// The rule pixels (of `rules`, 255 on 0) a stroke of `kept` lies along: a pen '2''s foot
// written on a form's fill line or a stamp frame's edge. Such a stroke makes the rule thicker
// where it lies, by a pixel row or more than the rule is within `window` columns either side,
// for longer than a stroke is wide (twice `stroke_width`); where such a run touches a stroke
// off the rule, the rule's ink there is the stroke's. Left out, the '2' loses its foot and
// reads as a '1' or a '7'. A stroke ending on the rule thickens it too (the rule's ink is taken
// a row beyond its edge), but only as far as the stroke is wide, and is not lengthened.
cv::Mat StrokesAlongRules(const cv::Mat& kept, const cv::Mat& rules, int window, int stroke_width) {
  cv::Mat along = cv::Mat::zeros(rules.size(), CV_8UC1);
  cv::Mat labels;
  const int count = cv::connectedComponents(rules, labels, 8, CV_32S);
  for (int label = 1; label < count; ++label) {
    const cv::Mat rule = labels == label;
    std::vector<int> thickness(rules.cols, 0), top(rules.cols, -1), bottom(rules.cols, -1);
    for (int y = 0; y < rules.rows; ++y) {
      const uchar* on = rule.ptr<uchar>(y);
      for (int x = 0; x < rules.cols; ++x) {
        if (!on[x]) continue;
        ++thickness[x];
        if (top[x] < 0) top[x] = y;
        bottom[x] = y;
      }
    }
    auto median_near = [&](int x) {
      std::vector<int> near;
      for (int i = std::max(0, x - window); i < std::min(rules.cols, x + window + 1); ++i) {
        if (thickness[i] > 0) near.push_back(thickness[i]);
      }
      std::nth_element(near.begin(), near.begin() + near.size() / 2, near.end());
      return near[near.size() / 2];
    };
    std::vector<char> thicker(rules.cols, 0);
    for (int x = 0; x < rules.cols; ++x) {
      thicker[x] = thickness[x] > 0 && thickness[x] > median_near(x);
    }
    auto touches_stroke = [&](int x) {
      for (int dx = -1; dx <= 1; ++dx) {
        const int column = x + dx;
        if (column < 0 || column >= rules.cols) continue;
        if (top[x] > 0 && kept.at<uchar>(top[x] - 1, column)) return true;
        if (bottom[x] + 1 < rules.rows && kept.at<uchar>(bottom[x] + 1, column)) return true;
      }
      return false;
    };
    for (int begin = 0; begin < rules.cols;) {
      if (!thicker[begin]) {
        ++begin;
        continue;
      }
      int end = begin;
      bool touching = false;
      for (; end < rules.cols && thicker[end]; ++end) touching = touching || touches_stroke(end);
      if (touching && end - begin >= std::max(3, 2 * stroke_width)) {
        along.colRange(begin, end) |= rule.colRange(begin, end);
      }
      begin = end;
    }
  }
  return along;
}

}  // namespace

cv::Mat WithoutRules(const cv::Mat& ink, int rule_length) {
  if (rule_length < 2 || ink.cols <= rule_length) return ink.clone();
  const cv::Mat rules = RuleInk(ink, rule_length);
  const cv::Mat kept = ink & ~rules;
  return kept | StrokesThroughRules(kept, rules, RuleThickness(rules)) |
         StrokesAlongRules(kept, rules, rule_length, StrokeWidth(kept));
}

}  // namespace sohoa::ocr
