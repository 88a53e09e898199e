// The issuing body's name in a document's header ('UBND TỈNH QUẢNG NINH / SỞ NỘI VỤ'): read from
// the upper-case lines above the number, and chosen between two readings of it (the page's
// lines, and the name's block read again on its own, pipeline/agency_block.h). Pure functions
// of the text, used by index/metadata.cc.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "index/keyed_line.h"

namespace sohoa::index {

struct AgencyName {
  std::string agency;  // the body's own name lines joined by a space
  std::string parent;  // the superior body's line above it, when there is one
};

// One line of a name as OCR read it, without the marks it read between and around the words
// ('zỦY,BAN NHÂN DÂN', 'VÀ\'TRUYỀN', '-\'THÀNH', a lone 'ĩ'): words are runs of letters and
// digits, lower-case letters and digits at the ends of a word in capitals are dropped, a word of
// lower-case letters alone and anything before the first word in capitals too; words are
// joined by a space, or by ', ' and ' - ' where the line has exactly that between them.
std::string CleanNameLine(const std::string& text);

// The name from the upper-case lines of lines[0, end): a form code, a page number, the motto
// and what follows it on a line are left out; the first line is the parent when it is a
// 'UBND ...' or the second opens a subordinate body's name ('SỞ ', 'VĂN PHÒNG', ...).
AgencyName ReadAgencyName(const std::vector<KeyedLine>& lines, size_t end);

// How well `name` (an agency's name as OCR read it) is formed: how many of its words are shaped
// as Vietnamese syllables (IsVietnameseSyllable) or are standard abbreviations ('UBND'), and
// how many are neither. Compares two readings of one name: 'CHI NHÁNH' has two well-formed
// words, 'CHINHÁNH' one malformed.
struct NameForm {
  int well_formed = 0;
  int malformed = 0;
};
NameForm NameFormOf(const std::string& name);

// True when `name` holds an incoming-mail stamp's words ('CÔNG VĂN ĐẾN', its 'Số:' and 'Ngày:')
// or the motto's, read in among the name's lines.
bool HoldsStampOrMottoWords(const std::string& name);

// `from_block` (the block read on its own, which has no stamp's lines among the name's) unless
// it is empty, or `from_page` holds no stamp's or motto's words and is better formed: fewer
// malformed words and as many well-formed ones (a stamp's ink left on the block garbles it).
// The page's lines take in whatever lies above the number, so more words alone are no better.
AgencyName ChooseAgencyName(const AgencyName& from_page, const AgencyName& from_block);

}  // namespace sohoa::index
