// Outputs appear atomically: written to a temp file beside the target, fsynced, renamed,
// and the folder fsynced, so a crash or power loss leaves either the old file or the new.
#pragma once

#include <filesystem>
#include <string_view>

#include "common/status.h"

namespace sohoa {

// A unique temporary path in the same folder as `final_path` (same filesystem, so the
// rename is atomic). Creates the folder if needed.
Result<std::filesystem::path> TempPathBeside(const std::filesystem::path& final_path);

// fsync(temp), rename(temp, final), fsync(folder). On failure the temp file is removed.
Status CommitTempFile(const std::filesystem::path& temp_path,
                      const std::filesystem::path& final_path);

// Writes `bytes` to `final_path` atomically.
Status WriteFileAtomically(const std::filesystem::path& final_path, std::string_view bytes);

// Reads a whole file; a missing or unreadable file is an IoError naming it.
Result<std::string> ReadFileBytes(const std::filesystem::path& path);

}  // namespace sohoa
