// A line of OCR text paired with a matching key: one ASCII byte per code point (folded, lower
// case, '?' for what does not fold to ASCII), so patterns can be matched with std::regex on
// the key while positions still address the original text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sohoa::index {

class KeyedLine {
 public:
  // Trims the line; Icelandic Ð/ð (an OCR confusion) become Đ/đ in the original.
  explicit KeyedLine(std::string_view utf8);

  const std::string& key() const { return key_; }
  std::string text() const { return Slice(0, key_.size()); }
  // The original text of code points [begin, end).
  std::string Slice(size_t begin, size_t end) const;
  // The original code point at `index` (the key's byte there is its folded form).
  char32_t At(size_t index) const { return original_[index]; }
  bool empty() const { return key_.empty(); }
  size_t size() const { return key_.size(); }
  int LowercaseLetters() const { return lowercase_letters_; }
  int UppercaseLetters() const { return uppercase_letters_; }
  bool StartsLowercase() const { return starts_lowercase_; }

 private:
  std::u32string original_;
  std::string key_;
  int lowercase_letters_ = 0;
  int uppercase_letters_ = 0;
  bool starts_lowercase_ = false;
};

// Non-empty trimmed lines of a page.
std::vector<KeyedLine> SplitKeyedLines(std::string_view page_text);

// Key with runs of spaces collapsed and trailing punctuation ':' '.' removed.
std::string CompactKey(const std::string& key);

// A line in capitals: some upper-case letters, at most one lower-case (a misread).
bool IsUppercaseLine(const KeyedLine& line);

// `text` without the spaces and punctuation (',', '.', ';', ':') around it.
std::string TrimPunctuation(std::string text);

}  // namespace sohoa::index
