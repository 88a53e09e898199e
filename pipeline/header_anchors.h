// The printed anchors of a header's number row as pipeline/header_slots.cc recognises them in
// OCR words, for code that looks for that row elsewhere (pipeline/header_rows.h).
#pragma once

#include <string>

namespace sohoa::pipeline {

// True when `text` is the 'Số:' label as OCR reads it ('Số:', 'S0', '.Số', 'số“').
bool IsNumberLabelWord(const std::string& text);

// Code points of a 'Số:' read glued to the numeral ('Sð:64/UBND-VHTT'), or 0.
int GluedNumberLabelLength(const std::string& text);

// The '/SYMBOL' of a word ('/QĐ-UBND' of '47/QĐ-UBND'), or empty when it has none: a symbol
// opens with a capital and has two or more ('V/v' and a stamp's date '21/3' are no number).
std::string NumberSymbol(const std::string& text);

}  // namespace sohoa::pipeline
