// Crash safety of `sohoa run`: a run killed (as by kill -9) at named points and then rerun
// ends with the same bytes and catalog as a run never interrupted.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>

#include "tests/integration/cli_runner.h"
#include "tests/testing/fixtures.h"

namespace sohoa::testing {
namespace {
namespace fs = std::filesystem;

std::string FileBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Every file under `out` except the run's own state and reports, by relative path.
std::map<std::string, std::string> Outputs(const fs::path& out) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    std::string relative = fs::relative(entry.path(), out).string();
    if (!entry.is_regular_file() || relative.rfind(".sohoa", 0) == 0 ||
        relative.rfind("catalog.sqlite", 0) == 0 || relative == "sohoa-report.json") {
      continue;
    }
    files[relative] = FileBytes(entry.path());
  }
  return files;
}

class BatchCrashTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = new fs::path(MakeTempDir("sohoa-crash"));
    fs::create_directories(*root_ / "in" / "sub folder");
    WriteSmallScan((*root_ / "in" / "a-ho-so.tif").string(), 3);
    WriteSmallScan((*root_ / "in" / "sub folder" / "b-quyet-dinh.tif").string(), 1);
    CommandResult reference = Run(*root_ / "reference", "");
    ASSERT_EQ(reference.exit_status, 0) << reference.output;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*root_);
    delete root_;
  }

  static CommandResult Run(const fs::path& out, const std::string& crash_at) {
    std::string environment = crash_at.empty() ? "" : "SOHOA_TEST_CRASH_AT=" + crash_at + " ";
    return RunCommand(environment + ShellQuote(SOHOA_BINARY) + " run " +
                      ShellQuote((*root_ / "in").string()) + " --out " + ShellQuote(out.string()) +
                      " --jobs 2");
  }

  // Crashes a fresh run at `point`, reruns it, and compares with the uninterrupted run.
  static void CrashThenRerun(const std::string& point, nlohmann::json* rerun_report) {
    fs::path out = *root_ / ("crash-" + point.substr(0, point.find(':')));
    CommandResult crashed = Run(out, point);
    ASSERT_EQ(crashed.exit_status, 137) << point << "\n" << crashed.output;
    CommandResult rerun = Run(out, "");
    ASSERT_EQ(rerun.exit_status, 0) << point << "\n" << rerun.output;

    std::map<std::string, std::string> expected = Outputs(*root_ / "reference");
    std::map<std::string, std::string> found = Outputs(out);
    ASSERT_EQ(expected.size(), 2u);
    EXPECT_EQ(found.size(), expected.size()) << point;
    for (const auto& [name, bytes] : expected) {
      ASSERT_TRUE(found.count(name)) << point << ": missing " << name;
      EXPECT_TRUE(found[name] == bytes) << point << ": " << name << " differs";
    }
    std::string catalog = (out / "catalog.sqlite").string();
    EXPECT_EQ(QueryNumber(catalog, "SELECT count(*) FROM documents WHERE status = 'done'"), 2);
    EXPECT_EQ(QueryNumber(catalog, "SELECT count(*) FROM pages"), 4) << point;
    EXPECT_EQ(QueryNumber(catalog, "SELECT count(DISTINCT doc_id || '/' || page_no) FROM pages"),
              4);
    EXPECT_EQ(QueryNumber(catalog, "SELECT count(*) FROM journal_pages"), 0) << point;
    *rerun_report = nlohmann::json::parse(FileBytes(out / "sohoa-report.json"));
  }

  static fs::path* root_;
};
fs::path* BatchCrashTest::root_ = nullptr;

TEST_F(BatchCrashTest, MidDocumentResumesFromJournaledPages) {
  nlohmann::json report;
  CrashThenRerun("page-journaled:2", &report);
  EXPECT_GE(report["pages_resumed"].get<int>(), 1) << report.dump();
  // A third run finds everything done and changes nothing.
  fs::path out = *root_ / "crash-page-journaled";
  CommandResult again = Run(out, "");
  EXPECT_EQ(again.exit_status, 0) << again.output;
  nlohmann::json third = nlohmann::json::parse(FileBytes(out / "sohoa-report.json"));
  EXPECT_EQ(third["documents"]["skipped"], 2) << third.dump();
  EXPECT_TRUE(Outputs(out) == Outputs(*root_ / "reference"));
}

TEST_F(BatchCrashTest, MidPdfWriteLeavesNoTempFile) {
  nlohmann::json report;
  CrashThenRerun("pdf-temp-written", &report);
  EXPECT_GE(report["pages_resumed"].get<int>(), 3) << report.dump();
}

TEST_F(BatchCrashTest, AfterPdfBeforeCatalog) {
  nlohmann::json report;
  CrashThenRerun("pdf-written", &report);
}

TEST_F(BatchCrashTest, AfterCatalogBeforeJournalDone) {
  nlohmann::json report;
  CrashThenRerun("catalog-put", &report);
}

TEST_F(BatchCrashTest, InsideJournalTransaction) {
  nlohmann::json report;
  CrashThenRerun("journal-transaction", &report);
}

TEST_F(BatchCrashTest, ChangedSettingsRedoAndForceRedoes) {
  fs::path out = *root_ / "settings";
  ASSERT_EQ(Run(out, "").exit_status, 0);
  CommandResult keep_skew = RunSohoa("run " + ShellQuote((*root_ / "in").string()) + " --out " +
                                     ShellQuote(out.string()) + " --jobs 2 --keep-skew");
  ASSERT_EQ(keep_skew.exit_status, 0) << keep_skew.output;
  nlohmann::json report = nlohmann::json::parse(FileBytes(out / "sohoa-report.json"));
  EXPECT_EQ(report["documents"]["done"], 2) << report.dump();
  CommandResult forced = RunSohoa("run " + ShellQuote((*root_ / "in").string()) + " --out " +
                                  ShellQuote(out.string()) + " --jobs 2 --force");
  ASSERT_EQ(forced.exit_status, 0) << forced.output;
  report = nlohmann::json::parse(FileBytes(out / "sohoa-report.json"));
  EXPECT_EQ(report["documents"]["done"], 2) << report.dump();
  EXPECT_EQ(report["pages_resumed"], 0);
  EXPECT_EQ(QueryNumber((out / "catalog.sqlite").string(), "SELECT count(*) FROM pages"), 4);
  EXPECT_TRUE(Outputs(out) == Outputs(*root_ / "reference"));
}

}  // namespace
}  // namespace sohoa::testing
