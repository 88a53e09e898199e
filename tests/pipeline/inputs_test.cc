#include "pipeline/inputs.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "pipeline/run_lock.h"
#include "tests/testing/fixtures.h"

namespace sohoa::pipeline {
namespace {
namespace fs = std::filesystem;

void Touch(const fs::path& path) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << "x";
}

TEST(InputsTest, WalksFoldersMirrorsPathsAndResolvesCollisions) {
  fs::path root = testing::MakeTempDir("sohoa-inputs");
  fs::path in = root / "in";
  Touch(in / "2024" / "quyết định 15.jpg");
  Touch(in / "a.jpg");
  Touch(in / "a.tif");
  Touch(in / ".hidden.png");
  Touch(in / ".cache" / "x.png");
  Touch(in / "out" / "old.pdf");  // the output folder inside the input is not re-read
  fs::create_directory_symlink(in, in / "loop");  // a symlink loop must not trap the walk
  Touch(root / "single.png");

  InputListing listing = ListInputs({in, root / "single.png", root / "missing"}, in / "out");
  ASSERT_EQ(listing.documents.size(), 4u);
  ASSERT_EQ(listing.problems.size(), 1u);
  EXPECT_NE(listing.problems[0].find("missing"), std::string::npos);

  std::map<std::string, std::string> output_for;
  for (const InputDocument& doc : listing.documents) {
    output_for[doc.path.filename().string()] = doc.output_path.lexically_relative(in / "out");
  }
  EXPECT_EQ(output_for["quyết định 15.jpg"], "2024/quyết định 15.pdf");
  EXPECT_EQ(output_for["a.jpg"], "a.jpg.pdf");
  EXPECT_EQ(output_for["a.tif"], "a.tif.pdf");
  EXPECT_EQ(output_for["single.png"], "single.pdf");
  fs::remove_all(root);
}

TEST(RunLockTest, SecondHolderIsRefusedUntilTheFirstReleases) {
  fs::path root = testing::MakeTempDir("sohoa-lock");
  {
    Result<RunLock> first = RunLock::Acquire(root / ".sohoa.lock");
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    Result<RunLock> second = RunLock::Acquire(root / ".sohoa.lock");
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.status().code(), StatusCode::kCancelled);
  }
  EXPECT_TRUE(RunLock::Acquire(root / ".sohoa.lock").ok());
  fs::remove_all(root);
}

}  // namespace
}  // namespace sohoa::pipeline
