#include "index/keyed_line.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>

namespace sohoa::index {
namespace {

char KeyOf(UChar32 c) {
  if (c == 0x0110 || c == 0x0111 || c == 0x00D0 || c == 0x00F0) return 'd';
  if (u_isUWhiteSpace(c)) return ' ';
  if (c < 0x80) return static_cast<char>(u_tolower(c));
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(error);
  icu::UnicodeString decomposition;
  if (U_SUCCESS(error) && nfd->getDecomposition(c, decomposition) && decomposition.length() > 0) {
    UChar32 base = decomposition.char32At(0);
    if (base < 0x80) return static_cast<char>(u_tolower(base));
  }
  return '?';
}

}  // namespace

KeyedLine::KeyedLine(std::string_view utf8) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(error);
  if (U_SUCCESS(error)) text = nfc->normalize(text, error);
  text.trim();
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    UChar32 c = text.char32At(i);
    if (c == 0x00D0) c = 0x0110;
    if (c == 0x00F0) c = 0x0111;
    if (original_.empty() && u_isalpha(c)) starts_lowercase_ = u_islower(c);
    if (u_islower(c)) ++lowercase_letters_;
    if (u_isupper(c)) ++uppercase_letters_;
    original_.push_back(static_cast<char32_t>(c));
    key_.push_back(KeyOf(c));
  }
}

std::string KeyedLine::Slice(size_t begin, size_t end) const {
  end = std::min(end, original_.size());
  std::string out;
  if (begin >= end) return out;
  icu::UnicodeString piece;
  for (size_t i = begin; i < end; ++i) piece.append(static_cast<UChar32>(original_[i]));
  piece.toUTF8String(out);
  return out;
}

std::vector<KeyedLine> SplitKeyedLines(std::string_view page_text) {
  std::vector<KeyedLine> lines;
  size_t start = 0;
  while (start <= page_text.size()) {
    size_t end = page_text.find('\n', start);
    if (end == std::string_view::npos) end = page_text.size();
    KeyedLine line(page_text.substr(start, end - start));
    if (!line.empty()) lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

std::string CompactKey(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == ':' || out.back() == '.')) {
    out.pop_back();
  }
  return out;
}

bool IsUppercaseLine(const KeyedLine& line) {
  return line.UppercaseLetters() > 0 && line.LowercaseLetters() <= 1;
}

std::string TrimPunctuation(std::string text) {
  const char* kTrim = " ,.;:";
  size_t begin = text.find_first_not_of(kTrim);
  if (begin == std::string::npos) return {};
  size_t end = text.find_last_not_of(kTrim);
  return text.substr(begin, end - begin + 1);
}

}  // namespace sohoa::index
