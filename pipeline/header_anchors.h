// The printed anchors of a header as OCR words carry them: the number's label 'Số:' and its
// '/SYMBOL', the date's 'ngày', 'tháng' and 'năm', the national motto, with what OCR glues to
// them or misreads them as. Used by pipeline/header_slots.cc to find the value slots, by
// pipeline/header_rows.cc to find a number row read again and by pipeline/agency_block.cc to
// place the agency's block. Pure functions of the words.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "common/page_text.h"

namespace sohoa::pipeline {

// `text` folded (no diacritics, lower case) without the punctuation OCR puts beside a word.
std::string HeaderKey(const std::string& text);

// `text`'s HeaderKey without the specks OCR reads beside a word ('\'CỘNG' is 'cong').
std::string BareKey(const std::string& text);

// The national motto's place: the top and word height of its first row ('CỘNG HÒA XÃ HỘI ...',
// estimated from the second when only that was read), the left of each row, and the boxes of
// the first row's words (the agency block's crop takes in the start of that row when it ends at
// the second's left, as the agency's longer line below may need).
struct MottoPlace {
  int top = 0;
  int height = 0;
  std::optional<int> first_left, second_left;
  std::vector<PixelBox> first_row_words;
};

// The motto in the top part of `page` ('CỘNG HÒA' or 'Độc lập' read as two words of a line),
// or nullopt.
std::optional<MottoPlace> FindMotto(const PageText& page);

// Whether two words in a row of the motto were read in the top part of `page` ('CHỦ NGHĨA',
// 'Hạnh phúc', ...; not 'VIỆT NAM', which bodies' names end in). A page without any has no
// header: a later page of a document, whose date row is the signature's.
bool HasMottoWords(const PageText& page);

// 'Số' as OCR reads it: 'S0', '5o', 'Sð', 'S6', with specks glued to it (`key` a HeaderKey).
bool IsNumberLabel(std::string key);

// True when `text` is the 'Số:' label as OCR reads it ('Số:', 'S0', '.Số', 'số“').
bool IsNumberLabelWord(const std::string& text);

// A date anchor read glued to its neighbour: the place before 'ngày' ('Ninh,ngày'), or a
// stroke of the handwritten value after it ('ngàyZ'). Returns the anchor's key ('ngay',
// 'thang', 'nam') and sets `anchor_box` to the anchor's share of the word (estimated from
// code points); a word that is an anchor by itself, or none, keeps its key and box.
std::string DateAnchorKey(const Word& word, const std::string& key, PixelBox* anchor_box);

// Code points of a 'Số:' glued to the numeral ('Sð:64/UBND-VHTT', 'Só;ổ'), or 0.
int GluedLabelLength(const std::string& text);

// Code points [begin, end) of `text`.
std::string DropCodePoints(const std::string& text, int begin, int end);

bool HasDigit(const std::string& text);

// What is left of a 'Số:' OCR split or half lost ('õ:', ':'): a short word ending in a colon,
// without digits. The value starts after it.
bool IsLabelTail(const std::string& text);

// The byte index of the slash opening the symbol in `text`: the last one, or the one before a
// year ('01/2018/NĐ-CP'). Slashes before it are a pen numeral's strokes OCR read as such
// ('Số:/.Z2/SNV-CCVC' for 'Số:227/SNV-CCVC'). npos when there is none.
std::size_t SymbolSlash(const std::string& text);

// The '/SYMBOL' of a word ('/QĐ-UBND' of '47/QĐ-UBND', quotes and marks OCR put after the
// slash dropped ('/#KH-UBND'), '/2018/NĐ-CP' with its year), or empty when the word has none:
// a symbol opens with a capital and has two or more ('V/v' is no number, nor is a stamp's
// date '21/3').
std::string SymbolSuffix(const std::string& text);

// The '/SYMBOL' of a word that is a symbol whose slash a pen numeral covered ('QĐ-STTTT' after
// 'Số:111'): capitals in two or three parts joined by hyphens, nothing else but marks before
// them ('<H-UBND' gives '/H-UBND'). Empty otherwise.
std::string BareSymbol(const std::string& text);

// The x where the symbol's slash of `word` stands, estimated from its share of code points;
// the word's left for a symbol read without its slash (BareSymbol).
int SlashX(const Word& word);

}  // namespace sohoa::pipeline
