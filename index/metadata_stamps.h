// Values of the stamps on a document's page (internal to index/): the incoming-mail stamp
// ('CÔNG VĂN ĐẾN / Số: 2352 / Ngày: 21/3/18'), urgency ('HỎA TỐC', 'KHẨN') and a digital
// signature's block ('Ký bởi: … / Thời gian ký: 06/05/2024 16:59:22').
#pragma once

#include <string>
#include <vector>

#include "index/keyed_line.h"
#include "index/metadata.h"

namespace sohoa::index {

// 'ĐẾN' / 'CÔNG VĂN ĐẾN', the heading of an incoming-mail stamp (`compact_key` from CompactKey).
bool IsIncomingStampHeading(const std::string& compact_key);

// The stamp fields found in `lines` (one page), in page order; at most one of each name.
std::vector<MetaField> ReadStampFields(const std::vector<KeyedLine>& lines);

}  // namespace sohoa::index
