// The types of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục III) as a
// header names them in its centred title line ('QUYẾT ĐỊNH'), and the code each puts at the
// head of its number's symbol ('QĐ' of '47/QĐ-UBND').
#pragma once

#include <string>

namespace sohoa::index {

struct DocumentType {
  const char* key;   // the name folded to lower-case ASCII: 'quyet dinh'
  const char* name;  // as printed: 'QUYẾT ĐỊNH'
  const char* code;  // 'QĐ'; empty where the symbol has none
};

// The type whose title `key` (a title line's folded key, CompactKey) is, or null. Specks read as
// punctuation before or after the title ('.THÔNG BÁO', 'THÔNG BÁO:') and spaces inside it (a
// wide-set title read as 'THÔN G BÁO') do not count, nor one letter misread in a title of seven
// letters or more, when no other type's is as near ('TH8NG BÁO'). Not 'CÔNG VĂN': a letter has no
// title line (it is told by 'V/v' or 'Kính gửi:'), and a line reading just 'CÔNG VĂN' is an
// incoming-mail stamp's heading whose 'ĐẾN' was lost.
const DocumentType* DocumentTypeOfTitle(std::string key);

// The type whose symbol code `code` is, exactly ('TB' -> THÔNG BÁO), or null; null for a code
// of one letter ('L'), which a body's abbreviation cut short makes as often.
const DocumentType* DocumentTypeOfCode(const std::string& code);

// The code of the type printed `name` ('THÔNG BÁO' -> 'TB'); empty for a type without one or a
// name that is no type's.
std::string DocumentTypeCode(const std::string& name);

}  // namespace sohoa::index
