// Which files a run processes and where each one's PDF goes.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "common/status.h"

namespace sohoa::pipeline {

struct InputDocument {
  std::filesystem::path path;         // as found (INPUT/relative/file.jpg)
  std::string display_path;           // as the user would name it: INPUT joined with relative
  std::filesystem::path output_path;  // OUT/relative/file.pdf (or file.jpg.pdf on collision)
};

struct InputListing {
  std::vector<InputDocument> documents;  // sorted, unique
  std::vector<std::string> problems;     // one line each: unreadable folder, missing input
};

// Expands files and folders (recursively, not following symlinked folders, so loops
// cannot trap the walk; hidden files and names starting with '.' are skipped, as are files
// inside `output_dir`). Output paths mirror each input's path relative to the folder it
// was found in; a file given directly goes to OUT/<file name>. When two inputs would map
// to the same PDF (a.jpg and a.tif), both keep their full name: a.jpg.pdf, a.tif.pdf.
InputListing ListInputs(const std::vector<std::filesystem::path>& inputs,
                        const std::filesystem::path& output_dir);

}  // namespace sohoa::pipeline
