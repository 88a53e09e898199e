// The number row ('Số: 47/QĐ-UBND') in the words of a strip of the header read as a block
// (pipeline/header_rows.h cuts and reads the strips): from the label to the symbol, with what
// OCR makes of them under a stamp's ink.
#pragma once

#include <string>
#include <vector>

#include "common/page_text.h"

namespace sohoa::pipeline {

// True for a number's symbol as printed: runs of capitals (Đ among them, digits allowed) joined
// by single dashes, three capitals at least ('/QĐ-UBND'), or one standard abbreviation alone
// ('/UBND'); not a word OCR made of print a frame's line crossed ('/RH-UDRÏR-') or of a
// stamp's scratches.
bool IsSymbolShaped(const std::string& word);

// The words of the first line of `block` (a strip of the scan read as a block) holding 'Số'
// followed within a few words by a number symbol: from the label to the symbol. A label OCR
// misread ('NỞ:', 'xó.') counts right before a numeral and its symbol ('NỞ: 971/SNV-CCVC',
// 'xó.874/SNV-CCVC'), one with only its vowel misread ('Sũ:') also right before the symbol
// alone, and is written back as 'Số:'. Empty when no line has the row.
std::vector<Word> NumberRowWords(const PageText& block);

// The same row where no label was read as one: a stamp's ink over it left only its 'S' ('SØ5',
// 'Sẩnogf': the 'ố', the colon and a pen numeral's first strokes read as letters). A word of a
// few code points opening with 'S' counts right before a symbol ('Ï2/TB-VPUBND', within two
// words) whose last part is a standard body's abbreviation: print no stamp carries. The label
// is written back as 'Số:' and what followed its 'S' and next code point. Empty when none.
std::vector<Word> NumberRowWordsWithLabelLost(const PageText& block);

// The same row where the symbol's slash was lost in the pen's numeral before it: 'Số:' (read,
// or misread as NumberRowWords takes it) with, glued to it or in the next word, a symbol
// without its slash whose parts are all standard abbreviations as printed ('Số:!57KH-UBND',
// 'Số: !ÏTB-VPUBND'). The row is the label, the numeral as read and the symbol without its
// slash, as the number slot takes it (BareSymbol). After a misread label, only with some of
// the numeral read before the symbol. Empty when none.
std::vector<Word> NumberRowWordsWithSlashLost(const PageText& block);

// The same row where nothing of the label was read ('2/QÐ-STTTT.', 'cRÑsx Z2 /SNV-CCVC....':
// a stamp's frame edge through 'Số:', or the stamp's own print over it): a symbol whose parts,
// two or more, are all standard abbreviations, among the first three words of its line, with
// the numeral's ink read as a digit in its word or the word before, and nothing but marks
// after it. A body's reference to another document goes on after its symbol ('2156/QĐ-UBND
// ngày 22'). The row is that word before (when it has the digit) and the symbol; the number
// slot is then cut from the symbol alone (pipeline/header_slots.cc). Empty when none.
std::vector<Word> NumberRowWordsWithLabelUnread(const PageText& block);

}  // namespace sohoa::pipeline
