// The document's number as printed after 'Số:' ('47/QĐ-UBND', '01/2018/QĐ-UBND'): where the
// label ends on a line of OCR text, and the number cleaned of what OCR reads around it.
#pragma once

#include <optional>
#include <string>

#include "index/keyed_line.h"

namespace sohoa::index {

// Where the number starts on `line` when the line opens with the number's label: 'Số: 15/...',
// also as OCR reads it ('S0:', 'Sô :', 'Số 15/...', a speck or a stamp's label end before it,
// the 'S' lost before a numeral and a slash); nullopt when it does not.
std::optional<size_t> NumberLabelEnd(const KeyedLine& line);

// The number in `raw` (what follows the label, up to the line's end), cleaned: spaces around
// '/' and '-' closed, a symbol part split at a gap joined, stray pieces, figures joined on
// after the symbol ('/72/1') and trailing marks dropped, misread standard abbreviations
// corrected (CorrectSymbol). Empty when what is left has no number's shape (N/SYMBOL,
// N/YYYY/SYMBOL or a numeral alone): no number is better than a wrong one, the document goes
// to review instead.
std::string CleanNumber(std::string raw);

// The symbol of `number` ('QĐ-UBND' of '47/QĐ-UBND'), empty when it has no letters.
std::string SymbolOf(const std::string& number);

}  // namespace sohoa::index
