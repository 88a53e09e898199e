// File moves around a batch: quarantine copies of failed inputs, moving finished originals
// away, and clearing temp files a killed run left in the output folder.
#pragma once

#include <filesystem>

#include "common/status.h"

namespace sohoa::pipeline {

// Where `input` goes under `destination_root`: the input's place relative to the output
// folder, as `output_path` (OUT/relative/name.pdf) gives it, with the input's own name.
std::filesystem::path PlaceUnder(const std::filesystem::path& destination_root,
                                 const std::filesystem::path& output_dir,
                                 const std::filesystem::path& output_path,
                                 const std::filesystem::path& input);

// Copies `input` to `target` (durably: temp, fsync, rename). The original is not touched.
Status CopyDurably(const std::filesystem::path& input, const std::filesystem::path& target);

// Moves `input` to `target`: a rename, or across filesystems a durable copy then removal.
Status MoveDurably(const std::filesystem::path& input, const std::filesystem::path& target);

// Removes ".NAME.tmp-PID-N" files (common/atomic_file.h temp names) under `output_dir`.
// Only safe while holding the run lock on that folder. Returns how many were removed.
int RemoveStaleTempFiles(const std::filesystem::path& output_dir);

}  // namespace sohoa::pipeline
