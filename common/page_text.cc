#include "common/page_text.h"

namespace sohoa {

std::string PageText::PlainText() const {
  std::string text;
  for (const TextLine& line : lines) {
    bool first = true;
    for (const Word& word : line.words) {
      if (!first) text += ' ';
      text += word.text;
      first = false;
    }
    text += '\n';
  }
  return text;
}

void QualityRecord::AddReviewReason(const std::string& reason) {
  needs_review = true;
  for (size_t start = 0; start <= review_reason.size();) {
    size_t end = review_reason.find("; ", start);
    if (end == std::string::npos) end = review_reason.size();
    if (review_reason.compare(start, end - start, reason) == 0) return;
    start = end + 2;
  }
  if (!review_reason.empty()) review_reason += "; ";
  review_reason += reason;
}

std::string FieldReviewReason(std::string_view origin, std::string_view field,
                              std::string_view problem) {
  std::string reason(origin);
  reason += ' ';
  reason += field;
  reason += ' ';
  reason += problem;
  return reason;
}

bool ReviewReasonIsAboutField(std::string_view reason, std::string_view field) {
  const bool date = field == "date";
  for (std::string_view subject : {field, std::string_view("day"), std::string_view("month")}) {
    if (subject != field && !date) continue;
    for (std::string_view origin : {"header", "document"}) {
      const std::string prefix = std::string(origin) + " " + std::string(subject) + " ";
      if (reason.starts_with(prefix)) return true;
    }
  }
  return false;
}

}  // namespace sohoa
