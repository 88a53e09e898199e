// The per-page JSON stored next to the text: word boxes (for search-hit highlighting) and the
// quality record, so the catalog can answer "where on the page" without the PDF.
#pragma once

#include <string>
#include <vector>

#include "common/page_text.h"

namespace sohoa::index {

// {"width","height","dpi","lines":[{"box":[l,t,r,b],"block":n,"words":[{"t","b","c"}]}]}
std::string WordsToJson(const PageText& page);
std::string QualityToJson(const QualityRecord& quality);
double MeanWordConfidence(const PageText& page);

// Words that a search matched. `exact_words` must equal a word's normalised form,
// `folded_words` its folded form; `prefixes` are folded and match the start of it.
struct WordMatcher {
  std::vector<std::string> exact_words;
  std::vector<std::string> folded_words;
  std::vector<std::string> folded_prefixes;
};
// Boxes of the words in `words_json` that match; an unreadable JSON gives none.
std::vector<PixelBox> MatchingWordBoxes(const std::string& words_json, const WordMatcher& matcher);

}  // namespace sohoa::index
