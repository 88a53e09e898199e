#include "index/document_types.h"

#include <algorithm>

#include "index/vietnamese_text.h"

namespace sohoa::index {
namespace {

constexpr DocumentType kDocumentTypes[] = {
    {"quyet dinh", "QUYẾT ĐỊNH", "QĐ"},
    {"chi thi", "CHỈ THỊ", "CT"},
    {"ke hoach", "KẾ HOẠCH", "KH"},
    {"thong bao", "THÔNG BÁO", "TB"},
    {"to trinh", "TỜ TRÌNH", "TTr"},
    {"bao cao", "BÁO CÁO", "BC"},
    {"nghi quyet", "NGHỊ QUYẾT", "NQ"},
    {"nghi dinh", "NGHỊ ĐỊNH", "NĐ"},
    {"thong tu", "THÔNG TƯ", "TT"},
    {"cong dien", "CÔNG ĐIỆN", "CĐ"},
    {"huong dan", "HƯỚNG DẪN", "HD"},
    {"chuong trinh", "CHƯƠNG TRÌNH", "CTr"},
    {"quy che", "QUY CHẾ", "QC"},
    {"quy dinh", "QUY ĐỊNH", "QyĐ"},
    {"giay moi", "GIẤY MỜI", "GM"},
    {"giay gioi thieu", "GIẤY GIỚI THIỆU", "GGT"},
    {"bien ban", "BIÊN BẢN", "BB"},
    {"phuong an", "PHƯƠNG ÁN", "PA"},
    {"de an", "ĐỀ ÁN", "ĐA"},
    {"du an", "DỰ ÁN", "DA"},
    {"hop dong", "HỢP ĐỒNG", "HĐ"},
    {"giay uy quyen", "GIẤY ỦY QUYỀN", "GUQ"},
    {"thong cao", "THÔNG CÁO", "TC"},
    {"lenh", "LỆNH", "L"},
    {"so yeu ly lich", "SƠ YẾU LÝ LỊCH", ""},
};

// Titles this long or longer (without spaces) are still told at one letter misread; shorter
// ones ('dean', 'duan', 'lenh') are one letter from each other or from common words.
constexpr size_t kLeastFuzzyKey = 7;

}  // namespace

const DocumentType* DocumentTypeOfTitle(std::string key) {
  static constexpr const char* kSpecks = " .,:;'`\"-_~^|";
  key.erase(0, std::min(key.size(), key.find_first_not_of(kSpecks)));
  key.erase(std::min(key.size(), key.find_last_not_of(kSpecks) + 1));
  std::erase(key, ' ');
  // A long title with one letter misread ('THIÔNG', 'TH8NG': a fold's line through its 'Ô')
  // is still the one type it is that near.
  const DocumentType* near = nullptr;
  int near_count = 0;
  for (const DocumentType& type : kDocumentTypes) {
    std::string type_key = type.key;
    std::erase(type_key, ' ');
    if (key == type_key) return &type;
    if (type_key.size() >= kLeastFuzzyKey && EditDistance(key, type_key) == 1) {
      near = &type;
      ++near_count;
    }
  }
  return near_count == 1 ? near : nullptr;
}

const DocumentType* DocumentTypeOfCode(const std::string& code) {
  if (code.size() < 2) return nullptr;
  for (const DocumentType& type : kDocumentTypes) {
    if (code == type.code) return &type;
  }
  return nullptr;
}

std::string DocumentTypeCode(const std::string& name) {
  for (const DocumentType& type : kDocumentTypes) {
    if (name == type.name) return type.code;
  }
  return {};
}

}  // namespace sohoa::index
