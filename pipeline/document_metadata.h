// What the catalog records of a document beyond its text: the sections found in its pages'
// text (index/metadata.h), and for each section's number and date a field saying where the
// value came from ("printed", "handwritten" when the header re-read decided a hand-filled slot,
// "pdf-text" when the PDF's own text layer carried it) and how sure the reading is. An official
// document whose number or date could not be read is flagged for review on its first page, so
// that archive staff check it by eye.
#pragma once

#include <vector>

#include "common/page_text.h"
#include "index/metadata.h"

namespace sohoa::pipeline {

// `pages[i]` is page i+1 of one input file; review flags are added to `pages`.
std::vector<index::MetadataSection> DescribeDocument(std::vector<PageText>* pages);

}  // namespace sohoa::pipeline
