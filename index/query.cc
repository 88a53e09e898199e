#include "index/query.h"

#include <cctype>
#include <regex>

#include "index/vietnamese_text.h"

namespace sohoa::index {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// One whitespace-separated piece of the query, with quotes resolved.
struct RawItem {
  std::string text;
  bool quoted = false;
  bool negated = false;
  std::string filter_key;  // lower case, empty when not a filter
};

bool IsFilterKey(const std::string& key) {
  return key == "type" || key == "agency" || key == "number" || key == "from" || key == "to" ||
         key == "collection";
}

// Reads a quoted string starting after the opening quote; an unterminated quote runs to the end.
std::string ReadQuoted(std::string_view query, size_t* pos) {
  size_t close = query.find('"', *pos);
  std::string text(query.substr(*pos, close == std::string_view::npos ? close : close - *pos));
  *pos = close == std::string_view::npos ? query.size() : close + 1;
  return text;
}

std::vector<RawItem> Lex(std::string_view query) {
  std::vector<RawItem> items;
  size_t pos = 0;
  while (pos < query.size()) {
    if (IsSpace(query[pos])) {
      ++pos;
      continue;
    }
    RawItem item;
    if (query[pos] == '-' && pos + 1 < query.size() && !IsSpace(query[pos + 1])) {
      item.negated = true;
      ++pos;
    }
    if (query[pos] == '"') {
      ++pos;
      item.text = ReadQuoted(query, &pos);
      item.quoted = true;
      items.push_back(std::move(item));
      continue;
    }
    size_t end = pos;
    while (end < query.size() && !IsSpace(query[end])) ++end;
    std::string word(query.substr(pos, end - pos));
    size_t colon = word.find(':');
    if (!item.negated && colon != std::string::npos && colon > 0) {
      std::string key = word.substr(0, colon);
      for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (IsFilterKey(key)) {
        item.filter_key = key;
        if (colon + 1 < word.size() && word[colon + 1] == '"') {
          size_t value_pos = pos + colon + 2;
          item.text = ReadQuoted(query, &value_pos);
          end = value_pos;
        } else {
          item.text = word.substr(colon + 1);
        }
        items.push_back(std::move(item));
        pos = end;
        continue;
      }
    }
    item.text = std::move(word);
    items.push_back(std::move(item));
    pos = end;
  }
  return items;
}

std::optional<QueryTerm> MakeTerm(const std::string& text, bool quoted) {
  QueryTerm term;
  std::string body = text;
  if (!quoted && !body.empty() && body.back() == '*') {
    term.prefix = true;
    while (!body.empty() && body.back() == '*') body.pop_back();
  }
  term.words = SplitWords(NormalizeVietnamese(body));
  if (term.words.empty()) return std::nullopt;
  return term;
}

Result<std::string> ParseDate(const std::string& value, bool upper_bound, const char* key) {
  static const std::regex kDate(R"((\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?)");
  std::smatch match;
  if (!std::regex_match(value, match, kDate))
    return InvalidInput(std::string(key) + ": expects YYYY, YYYY-MM or YYYY-MM-DD, got '" + value +
                        "'");
  auto two_digits = [](const std::string& part) { return part.size() == 1 ? "0" + part : part; };
  std::string month = match[2].matched ? two_digits(match[2]) : (upper_bound ? "99" : "01");
  std::string day = match[3].matched ? two_digits(match[3]) : (upper_bound ? "99" : "01");
  return match[1].str() + "-" + month + "-" + day;
}

std::string QuoteForFts(const std::vector<std::string>& words) {
  std::string out = "\"";
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += ' ';
    for (char c : words[i]) {
      if (c == '"') out += '"';
      out += c;
    }
  }
  return out + "\"";
}

std::string TermExpression(const QueryTerm& term, MatchMode mode,
                           const NearVariants& near_variants) {
  if (mode == MatchMode::kAsTyped) {
    return QuoteForFts(term.words) + (term.prefix ? "*" : "");
  }
  std::vector<std::string> folded;
  for (const std::string& word : term.words) folded.push_back(FoldVietnamese(word));
  if (mode == MatchMode::kFolded || !near_variants) {
    return QuoteForFts(folded) + (term.prefix ? "*" : "");
  }
  // Near matches: the term with at most one word replaced by a near variant (OCR garbles one
  // word of a phrase at a time), the words still side by side.
  const std::string suffix = term.prefix ? "*" : "";
  std::string out = QuoteForFts(folded) + suffix;
  for (size_t i = 0; i < folded.size(); ++i) {
    if (term.prefix && i + 1 == folded.size()) continue;
    for (const std::string& variant : near_variants(folded[i])) {
      std::vector<std::string> words = folded;
      words[i] = variant;
      out += " OR " + QuoteForFts(words) + suffix;
    }
  }
  return "(" + out + ")";
}

}  // namespace

Result<ParsedQuery> ParseQuery(std::string_view query) {
  ParsedQuery parsed;
  std::vector<RawItem> items = Lex(query);
  bool join_with_previous = false;
  for (size_t i = 0; i < items.size(); ++i) {
    const RawItem& item = items[i];
    if (!item.filter_key.empty()) {
      if (item.text.empty()) continue;
      QueryFilters& filters = parsed.filters;
      const std::string& key = item.filter_key;
      if (key == "type") filters.type = MetadataKey(item.text);
      if (key == "agency") filters.agency = NameKey(item.text);
      if (key == "number") filters.number = MetadataKey(item.text);
      if (key == "collection") filters.collection = ToNfc(item.text);
      if (key == "from" || key == "to") {
        Result<std::string> date = ParseDate(item.text, key == "to", key == "from" ? "from" : "to");
        if (!date.ok()) return date.status();
        (key == "from" ? filters.from_date : filters.to_date) = *date;
      }
      continue;
    }
    if (!item.quoted && !item.negated && item.text == "OR") {
      join_with_previous = !parsed.required.empty();
      continue;
    }
    std::optional<QueryTerm> term = MakeTerm(item.text, item.quoted);
    if (!term) continue;
    if (item.negated) {
      parsed.excluded.push_back(std::move(*term));
      continue;
    }
    if (join_with_previous) {
      parsed.required.back().terms.push_back(std::move(*term));
    } else {
      parsed.required.push_back(QueryAlternatives{{std::move(*term)}});
    }
    join_with_previous = false;
  }
  return parsed;
}

std::string BuildMatchExpression(const ParsedQuery& query, MatchMode mode,
                                 const NearVariants& near_variants) {
  std::string positive;
  for (const QueryAlternatives& alternatives : query.required) {
    std::string group;
    for (const QueryTerm& term : alternatives.terms) {
      if (!group.empty()) group += " OR ";
      group += TermExpression(term, mode, near_variants);
    }
    if (!positive.empty()) positive += " AND ";
    positive += "(" + group + ")";
  }
  if (positive.empty()) return {};
  std::string negative = BuildExclusionExpression(query);
  if (negative.empty()) return positive;
  return "(" + positive + ") NOT (" + negative + ")";
}

bool JoinAdjacentWords(const ParsedQuery& query, ParsedQuery* joined) {
  ParsedQuery result;
  result.excluded = query.excluded;
  result.filters = query.filters;
  bool changed = false;
  bool previous_joinable = false;
  for (const QueryAlternatives& alternatives : query.required) {
    const bool joinable = alternatives.terms.size() == 1;
    if (joinable && previous_joinable && !result.required.back().terms[0].prefix) {
      QueryTerm& last = result.required.back().terms[0];
      const QueryTerm& next = alternatives.terms[0];
      last.words.insert(last.words.end(), next.words.begin(), next.words.end());
      last.prefix = next.prefix;
      changed = true;
    } else {
      result.required.push_back(alternatives);
    }
    previous_joinable = joinable;
  }
  if (changed) *joined = std::move(result);
  return changed;
}

std::string BuildExclusionExpression(const ParsedQuery& query) {
  std::string negative;
  for (const QueryTerm& term : query.excluded) {
    if (!negative.empty()) negative += " OR ";
    negative += TermExpression(term, MatchMode::kAsTyped, nullptr);
  }
  return negative;
}

std::string MetadataKey(std::string_view text) {
  std::string folded = FoldVietnamese(NormalizeVietnamese(text));
  std::string out;
  for (char c : folded) {
    if (IsSpace(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string NameKey(std::string_view text) {
  std::string spaced = MetadataKey(text);
  for (char& c : spaced) {
    if (std::ispunct(static_cast<unsigned char>(c))) c = ' ';
  }
  return MetadataKey(spaced);
}

}  // namespace sohoa::index
