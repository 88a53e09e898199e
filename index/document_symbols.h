// The symbol of a Vietnamese administrative document's number ('QĐ-UBND' of '47/QĐ-UBND'):
// the document type's abbreviation and the issuing body's, joined by dashes (Nghị định
// 30/2020/NĐ-CP, Phụ lục III). OCR misreads single capitals of them ('STTTI', 'UDND', 'ÙBND');
// the standard abbreviations are a short list, so a part one or two letters away from exactly
// one of them is taken to be it.
#pragma once

#include <optional>
#include <string>

namespace sohoa::index {

// `symbol` with every dash-separated part that is a misread standard abbreviation replaced by
// it; parts that match none closely (a body's own abbreviation) stay as read. Two-letter and
// three-letter parts are only corrected by one confusable letter ('Qb' -> 'QĐ') or for
// diacritics OCR added or dropped ('QD' -> 'QĐ').
std::string CorrectSymbol(const std::string& symbol);

// The standard abbreviation `part` is, or a misreading of ('STTTI' -> 'STTTT'); nullopt when
// it is near none, or as near two.
std::optional<std::string> StandardAbbreviation(const std::string& part);

}  // namespace sohoa::index
