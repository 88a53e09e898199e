// The dynamic symbol table of an ELF file, for tests that check which definitions an
// executable exports to the libraries it loads (ocr/openmp/, ocr/interpose/).
#pragma once

#include <set>
#include <string>

namespace sohoa::testing {

// Names in the dynamic symbol table of the 64-bit ELF file at `path` that start with
// `prefix` and that the file imports (`defined` false) or exports (true). Empty when the file
// is unreadable or no ELF file.
std::set<std::string> DynamicSymbols(const std::string& path, const std::string& prefix,
                                     bool defined);

}  // namespace sohoa::testing
