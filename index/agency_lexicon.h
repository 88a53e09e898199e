// The standard names Vietnamese state bodies are issued under ('ỦY BAN NHÂN DÂN', 'SỞ NỘI VỤ',
// 'NGÂN HÀNG NHÀ NƯỚC VIỆT NAM'), their administrative units ('TỈNH', 'THÀNH PHỐ') and the
// provinces, used to spell an agency's name as OCR read it the way it is printed. National
// vocabulary (the Law on Local Government, Nghị định 107/2020, the list of provinces), like the
// standard abbreviations of index/document_symbols.h; a district's or a body's own name is not
// in it and stays as read.
#pragma once

#include <string>

namespace sohoa::index {

// `name` (an agency's name, words separated by spaces) with every run of words that OCR
// misread from a standard name written as printed: folded and without spaces the run is at most
// one letter off a standard name of 6 to 11 letters, two off one of 12 to 17, three off a longer
// one, and nearer to it than to any other ('SỞ THÔNG TỰ VÀ TRUYỀN THÔNG', 'CHINHÁNH', 'THẲNH
// PHÕỐ'); shorter names and the one-word units only when they fold alike ('TÍNH' -> 'TỈNH'),
// provinces so too and only right after 'TỈNH' (they lie close together: 'QUẢNG NAM', 'QUẢNG
// NINH'). At the name's start, where a stamp's edge or the scan's cut the first letters off, the
// run may be the end of a body's name of three words or more ('BẠN NHÂN DÂN' -> 'ỦY BAN NHÂN
// DÂN') when that end is half of the name or more, two words or more, and no other name ends so;
// one-letter leftovers in front of it go. Where a unit is due, right after a council's name
// ('ỦY BAN NHÂN DÂN TRỊ XÃ'), a unit of five letters or more may be one letter off, and 'PHỐ'
// alone is 'THÀNH PHỐ'; 'TỈNH' may be one letter off before a province read as printed
// ('TỪNH QUẢNG NINH'). An incoming-mail stamp's heading read in front of a body's name ('CÔNG
// VAN ỦY BAN NHÂN DÂN') goes. Words that match nothing stay as read.
std::string CorrectAgencyWords(const std::string& name);

}  // namespace sohoa::index
