#include "ocr/reading_order.h"

#include <algorithm>
#include <numeric>

namespace sohoa::ocr {
namespace {

// A gap this many word heights wide is no word space: justified text stretches spaces to
// about half a height, a two-column header leaves 1.4 or more.
constexpr double kColumnGapHeights = 1.2;
// Lines within this band around the body height are drawn at the body height.
constexpr double kBodyLow = 0.8;
constexpr double kBodyHigh = 1.25;
// A column block's lines may stray further (a hand-filled number, a line of capitals with
// tone marks above them); they then take the block's size.
constexpr double kColumnLow = 0.65;
constexpr double kColumnHigh = 1.35;
// Fewer lines give no reliable body height.
constexpr size_t kMinLinesForBodyHeight = 8;
// A line narrower than this share of the text width is one column of a side-by-side block.
constexpr double kColumnWidthShare = 0.6;
// Poppler joins a line to a block when its baseline is within 1.5 font sizes; keep a margin.
constexpr double kJoinPitch = 1.45;
// Rows of one column block stand at most this many body heights apart (the header leaves
// about 1.9 between the issuing body and "Số:"); table rows and signature gaps are wider.
constexpr double kMaxColumnPitch = 2.1;
// Bridging never draws a line taller than this many body heights.
constexpr double kMaxBridgeScale = 1.5;

int Median(std::vector<int> values) {
  if (values.empty()) return 0;
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

PixelBox Union(const std::vector<Word>& words) {
  PixelBox box = words.front().box;
  for (const Word& word : words) {
    box.left = std::min(box.left, word.box.left);
    box.top = std::min(box.top, word.box.top);
    box.right = std::max(box.right, word.box.right);
    box.bottom = std::max(box.bottom, word.box.bottom);
  }
  return box;
}

bool OverlapHorizontally(const PixelBox& a, const PixelBox& b) {
  return a.left < b.right && b.left < a.right;
}

int Find(std::vector<int>& parent, int i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

}  // namespace

void SplitAtColumnGaps(PageText* text) {
  std::vector<TextLine> lines;
  lines.reserve(text->lines.size());
  for (TextLine& line : text->lines) {
    if (line.words.size() < 2) {
      lines.push_back(std::move(line));
      continue;
    }
    std::vector<int> heights;
    for (const Word& word : line.words) heights.push_back(word.box.height());
    const double min_gap = kColumnGapHeights * std::max(1, Median(heights));
    TextLine part;
    part.block_index = line.block_index;
    for (size_t i = 0; i < line.words.size(); ++i) {
      if (!part.words.empty() && line.words[i].box.left - part.words.back().box.right >= min_gap) {
        part.box = Union(part.words);
        lines.push_back(std::move(part));
        part = TextLine{};
        part.block_index = line.block_index;
      }
      part.words.push_back(std::move(line.words[i]));
    }
    // An unsplit line keeps the engine's box, which may differ from its words' union.
    part.box = part.words.size() == line.words.size() ? line.box : Union(part.words);
    lines.push_back(std::move(part));
  }
  text->lines = std::move(lines);
}

std::vector<double> LineFontSizes(const PageText& text) {
  const size_t count = text.lines.size();
  std::vector<double> sizes(count);
  std::vector<int> heights(count);
  for (size_t i = 0; i < count; ++i) {
    heights[i] = std::max(1, text.lines[i].box.height());
    sizes[i] = heights[i];
  }
  if (count < kMinLinesForBodyHeight) return sizes;
  const double body = Median(heights);
  std::vector<bool> body_sized(count, false);
  std::vector<bool> column_sized(count, false);
  int text_left = text.width_px, text_right = 0;
  for (size_t i = 0; i < count; ++i) {
    body_sized[i] = heights[i] >= kBodyLow * body && heights[i] <= kBodyHigh * body;
    column_sized[i] = heights[i] >= kColumnLow * body && heights[i] <= kColumnHigh * body;
    if (body_sized[i]) sizes[i] = body;
    text_left = std::min(text_left, text.lines[i].box.left);
    text_right = std::max(text_right, text.lines[i].box.right);
  }
  const double column_width = kColumnWidthShare * std::max(1, text_right - text_left);

  // Link each narrow line to the nearest line below it that it overlaps, when that one is
  // narrow too and close enough to be the same block's next row.
  std::vector<int> parent(count);
  std::iota(parent.begin(), parent.end(), 0);
  std::vector<double> step(count, 0);  // baseline step from the line above in its column
  const auto narrow = [&](size_t i) {
    return column_sized[i] && text.lines[i].box.width() < column_width;
  };
  for (size_t i = 0; i < count; ++i) {
    if (!narrow(i)) continue;
    const PixelBox& above = text.lines[i].box;
    int nearest = -1;
    for (size_t j = 0; j < count; ++j) {
      const PixelBox& box = text.lines[j].box;
      if (j == i || box.top < above.bottom - body / 2 || !OverlapHorizontally(above, box)) continue;
      if (nearest < 0 || box.top < text.lines[nearest].box.top) nearest = static_cast<int>(j);
    }
    if (nearest < 0 || !narrow(nearest)) continue;
    const double pitch = text.lines[nearest].box.bottom - above.bottom;
    if (pitch <= 0 || pitch > kMaxColumnPitch * body) continue;
    parent[Find(parent, nearest)] = Find(parent, static_cast<int>(i));
    step[nearest] = std::max(step[nearest], pitch);
  }
  std::vector<double> widest_step(count, 0);
  for (size_t i = 0; i < count; ++i) {
    const int root = Find(parent, static_cast<int>(i));
    widest_step[root] = std::max(widest_step[root], step[i]);
  }
  for (size_t i = 0; i < count; ++i) {
    const int root = Find(parent, static_cast<int>(i));
    if (widest_step[root] == 0) continue;  // not in a column block
    sizes[i] = std::clamp(widest_step[root] / kJoinPitch, body, kMaxBridgeScale * body);
  }
  return sizes;
}

}  // namespace sohoa::ocr
