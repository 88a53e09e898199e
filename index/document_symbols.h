// The symbol of a Vietnamese administrative document's number ('QĐ-UBND' of '47/QĐ-UBND'):
// the document type's abbreviation and the issuing body's, joined by dashes (Nghị định
// 30/2020/NĐ-CP, Phụ lục III). OCR misreads single capitals of them ('STTTI', 'UDND', 'ÙBND');
// the standard abbreviations are a short list, so a part one letter OCR confuses away from
// exactly one of them (B/D, I/T, P/F, ...; two in a part of six letters or more) is taken to
// be it.
#pragma once

#include <optional>
#include <string>

namespace sohoa::index {

// `symbol` with every dash-separated part that is a misread standard abbreviation replaced by
// it; parts that match none closely (a body's own abbreviation) stay as read. Diacritics OCR
// added or dropped are corrected too ('QD' -> 'QĐ', 'ÙBND' -> 'UBND').
std::string CorrectSymbol(const std::string& symbol);

// The standard abbreviation `part` is, or a misreading of ('STTTI' -> 'STTTT'); nullopt when
// it is near none, or as near two.
std::optional<std::string> StandardAbbreviation(const std::string& part);

// `symbol` with its first part completed to `type_code`, the abbreviation of the document's
// type ('TB' of a THÔNG BÁO), when that part is the code's end and the code's first letters
// were lost ('B-VPUBND' -> 'TB-VPUBND': a pen numeral written over the symbol's start), or,
// no standard abbreviation itself or another type's code ('PB' of a THÔNG BÁO), is as long as
// the code and one letter off it ('RH-UBND' of a KẾ HOẠCH), or, no standard abbreviation, is
// the code after one or two characters more ('VKH-UBND') or before one more ('CTI-UBND'). An
// empty code (a công văn's symbol opens with the body), or a part that is neither, leaves
// `symbol` as it is.
std::string CompleteTypeCode(const std::string& symbol, const std::string& type_code);

// `symbol` with its last part completed to the standard abbreviation of the issuing body
// when that part was cut short ('QĐ-ST': a stamp's edge across 'STTTT') or, three letters or
// more, is one letter off it ('KH-UBNBĐ': a frame's edge read as letters): the part is no
// standard abbreviation itself, and exactly one standard abbreviation of a body (never a
// type's code: 'CV' of a stamp's 'CÔNG VĂN ĐẾN' read into `agency`) starts with it or is one
// letter off it and is the initials of words of `agency` in a row ('SỞ THÔNG TIN VÀ TRUYỀN
// THÔNG', 'và' not counted). A part garbled from some character on ('UÈÑ', 'VPUB1Y') is taken
// as cut short there; four clean letters or more need no agency then. Abbreviations that start
// one another ('UB', 'UBND') count as one, the longest. In a document dated `iso_date`
// ('2024-05-21'; empty when unread) after 2005, when 'UBND' replaced it, 'UB' counts as cut
// short too. Otherwise `symbol` as it is.
std::string CompleteBodyCode(const std::string& symbol, const std::string& agency,
                             const std::string& iso_date = {});

// `symbol` with its last part completed to an abbreviation the document itself prints
// elsewhere, when that part was cut short ('QNI-TTKS': a stamp's edge over 'NB'): the part is
// no standard abbreviation, is a word of `text` once at most (the number itself, when `text`
// holds it), and exactly one abbreviation-shaped word of `text` (capitals only, three letters
// or more: the drafting unit of 'Lưu: VT, TTKSNB.') starts with it; a part of one capital
// ('SNV-C') only from the words of the 'Lưu:' lines. Otherwise `symbol` as it is.
std::string CompleteBodyCodeFromText(const std::string& symbol, const std::string& text);

// `symbol` of a letter (công văn: the symbol opens with the issuing body's code, 'SNV-CCVC')
// with its first part made the body's standard abbreviation when OCR misread it: the part is
// no standard abbreviation as read, and one standard body abbreviation of three letters or more
// that `agency` names (its initials or a word of it, see CompleteBodyCode) is nearest to it,
// one letter off, two in a part of five letters or more ('LIBND', 'UBNIE' -> 'UBND'; folded:
// 'ŠV' -> 'SNV' of 'SỞ NỘI VỤ'). Otherwise `symbol` as it is.
std::string CorrectLetterBodyCode(const std::string& symbol, const std::string& agency);

// Whether `symbol` (what follows the numeral: 'QĐ-UBND', '2020/NĐ-CP') has the shape every
// symbol has: parts of two characters or more, joined by dashes (a year by a slash), of Latin
// letters, digits and Đ only. A part of one letter is what a stamp's edge or a pen numeral
// left of a longer one ('QNI-T' of 'QNI-TTKSNB'), a letter no Vietnamese symbol has is a
// misreading ('ŠV-CCVC'), and an empty symbol was not read: each leaves the document's number
// for someone to check. A part that is whole but wrong passes.
bool SymbolLooksWhole(const std::string& symbol);

// Whether `symbol` can be the number's symbol of a document dated `iso_date` (empty when
// unread): false for a body code 'UB' after 2005, when every people's committee's symbol had
// 'UBND' (the rest of it lost: CompleteBodyCode).
bool SymbolFitsDate(const std::string& symbol, const std::string& iso_date);

// Whether `symbol` can be the number's symbol of a document whose type's code is `type_code`
// ('QĐ' of a QUYẾT ĐỊNH; empty for a letter, whose symbol opens with the body): false when it
// opens, after any year, with another type's code ('CĐ-UB' of a QUYẾT ĐỊNH: its 'Q' read as a
// 'C', a code of its own), which the document's type rules out. A first part that is no type's
// code (a body's, or a misreading of the type's) is left to the other checks.
bool SymbolFitsType(const std::string& symbol, const std::string& type_code);

}  // namespace sohoa::index
