#include "pipeline/inputs.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace sohoa::pipeline {
namespace fs = std::filesystem;

namespace {

bool IsHidden(const fs::path& relative) {
  for (const fs::path& part : relative) {
    std::string name = part.string();
    if (!name.empty() && name[0] == '.' && name != "." && name != "..") return true;
  }
  return false;
}

bool IsInside(const fs::path& file, const fs::path& folder) {
  std::error_code ec;
  fs::path canonical_file = fs::weakly_canonical(file, ec);
  fs::path canonical_folder = fs::weakly_canonical(folder, ec);
  auto [folder_end, file_it] = std::mismatch(canonical_folder.begin(), canonical_folder.end(),
                                             canonical_file.begin(), canonical_file.end());
  return folder_end == canonical_folder.end();
}

struct Found {
  fs::path path;
  fs::path relative;  // to the input root
  std::string display_path;
};

}  // namespace

InputListing ListInputs(const std::vector<fs::path>& inputs, const fs::path& output_dir) {
  InputListing listing;
  std::vector<Found> found;
  std::set<fs::path> seen;
  auto add = [&](const fs::path& path, const fs::path& relative, std::string display) {
    std::error_code ec;
    fs::path key = fs::weakly_canonical(path, ec);
    if (!seen.insert(key).second) return;
    found.push_back({path, relative, std::move(display)});
  };

  for (const fs::path& input : inputs) {
    std::error_code ec;
    fs::file_status status = fs::status(input, ec);
    if (ec || !fs::exists(status)) {
      listing.problems.push_back(fmt::format("{}: no such file or folder", input.string()));
      continue;
    }
    if (fs::is_regular_file(status)) {
      add(input, input.filename(), input.string());
      continue;
    }
    if (!fs::is_directory(status)) {
      listing.problems.push_back(fmt::format("{}: not a regular file or folder", input.string()));
      continue;
    }
    fs::recursive_directory_iterator walk(input, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      listing.problems.push_back(
          fmt::format("{}: cannot read folder: {}", input.string(), ec.message()));
      continue;
    }
    for (auto it = walk; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) {
        listing.problems.push_back(fmt::format("{}: {}", input.string(), ec.message()));
        break;
      }
      const fs::directory_entry& entry = *it;
      fs::path relative = entry.path().lexically_relative(input);
      if (IsHidden(relative)) {
        if (entry.is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (!entry.is_regular_file(ec)) continue;
      if (!output_dir.empty() && IsInside(entry.path(), output_dir)) continue;
      add(entry.path(), relative, (input / relative).string());
    }
  }

  std::sort(found.begin(), found.end(),
            [](const Found& a, const Found& b) { return a.display_path < b.display_path; });

  // Two inputs that would write the same PDF both keep their extension.
  std::map<fs::path, int> stem_uses;
  for (const Found& f : found) stem_uses[fs::path(f.relative).replace_extension(".pdf")]++;
  for (const Found& f : found) {
    fs::path plain = fs::path(f.relative).replace_extension(".pdf");
    fs::path relative_output =
        stem_uses[plain] > 1 ? fs::path(f.relative.string() + ".pdf") : plain;
    listing.documents.push_back({f.path, f.display_path, output_dir / relative_output});
  }
  return listing;
}

}  // namespace sohoa::pipeline
