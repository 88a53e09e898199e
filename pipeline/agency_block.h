// The issuing body's name at the top of the header's left column ('UBND TỈNH QUẢNG NINH /
// SỞ THÔNG TIN VÀ TRUYỀN THÔNG'), read again on its own.
//
// An incoming-mail stamp is most often laid over that corner. The full-page pass then reads
// the stamp's lines ('ỦY BAN NHÂN DÂN ...', 'CÔNG VĂN ĐẾN', 'Số:', 'Ngày:') in among the name's,
// or garbles the name where the stamp's ink crosses it, and records officers filter by the
// agency. The block lies level with the motto ('CỘNG HÒA XÃ HỘI ...') and above the number
// row, left of the motto: that part of the cleaned page (whose cleaning fades coloured ink) is
// cut out, the stamp's frame taken away (pipeline/stamp_ink.h), and read as one block, and
// again with only its darkest ink (a stamp scanned grey is lighter than the print); a block
// the first reading reads whole and clean (no stamp's word left out, every word well formed
// and sure) is not read again.
#pragma once

#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/page_text.h"
#include "ocr/ocr_engine.h"

namespace sohoa::pipeline {

// Where the agency block lies in `page`'s upright frame: from a little above the motto's first
// row down to the number row (or the date row when the number row was not read), and from the
// header's left margin to the motto's left. nullopt when the page has no motto or neither row
// below it was read: no header, or one read too poorly to place the block. Its right side is
// the motto's second row's left ('Độc lập'), which lies right of the first's.
std::optional<PixelBox> AgencyBlockBox(const PageText& page);

// The block's lines as read again from `upright` (the cleaned page `page` was read from, in its
// frame) by `engine`, top to bottom, without the stamp's own lines that survive when its ink
// could not be told from the print ('CÔNG VĂN ĐẾN', its 'Số:' and 'Ngày:', the receiving
// body's name above them) nor specks. Empty when there is no block or nothing was read in it.
std::vector<std::string> ReadAgencyBlock(const cv::Mat& upright, ocr::OcrEngine& engine,
                                         const PageText& page);

// The lines of `read` (one reading of the block) that ReadAgencyBlock keeps: without a stamp's
// title and the smaller line above it (the receiving body), its fields' labels and their
// values, words with lower-case letters, specks, consonants alone, a value opening a line, and
// lines of fewer than three letters left.
std::vector<std::string> AgencyBlockLines(const PageText& read);

}  // namespace sohoa::pipeline
