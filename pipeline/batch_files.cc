#include "pipeline/batch_files.h"

#include <fmt/format.h>

#include <regex>

#include "common/atomic_file.h"

namespace sohoa::pipeline {
namespace fs = std::filesystem;

fs::path PlaceUnder(const fs::path& destination_root, const fs::path& output_dir,
                    const fs::path& output_path, const fs::path& input) {
  std::error_code ec;
  fs::path relative_folder = fs::relative(output_path.parent_path(), output_dir, ec);
  if (ec || relative_folder.empty() || *relative_folder.begin() == "..") relative_folder = ".";
  return (destination_root / relative_folder / input.filename()).lexically_normal();
}

Status CopyDurably(const fs::path& input, const fs::path& target) {
  Result<std::string> bytes = ReadFileBytes(input);
  if (!bytes.ok()) return bytes.status();
  return WriteFileAtomically(target, *bytes);
}

Status MoveDurably(const fs::path& input, const fs::path& target) {
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) {
    return IoError(
        fmt::format("{}: cannot create folder: {}", target.parent_path().string(), ec.message()));
  }
  fs::rename(input, target, ec);
  if (!ec) return Status::Ok();
  if (ec != std::errc::cross_device_link) {
    return IoError(
        fmt::format("{}: cannot move to {}: {}", input.string(), target.string(), ec.message()));
  }
  SOHOA_RETURN_IF_ERROR(CopyDurably(input, target));
  fs::remove(input, ec);
  if (ec)
    return IoError(fmt::format("{}: copied but not removed: {}", input.string(), ec.message()));
  return Status::Ok();
}

int RemoveStaleTempFiles(const fs::path& output_dir) {
  static const std::regex kTempName(R"(^\..+\.tmp-[0-9]+-[0-9]+$)");
  int removed = 0;
  std::error_code ec;
  fs::recursive_directory_iterator it(output_dir, fs::directory_options::skip_permission_denied,
                                      ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec) || it->is_symlink(ec)) continue;
    if (!std::regex_match(it->path().filename().string(), kTempName)) continue;
    std::error_code remove_error;
    if (fs::remove(it->path(), remove_error)) ++removed;
  }
  return removed;
}

}  // namespace sohoa::pipeline
