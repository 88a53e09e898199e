// What a scheduled `sohoa run` promises: locks, stop on deadline, status, reports, metrics,
// timeouts and bad inputs, with the documented exit statuses.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <thread>

#include "tests/integration/cli_runner.h"
#include "tests/testing/fixtures.h"

namespace sohoa::testing {
namespace {
namespace fs = std::filesystem;

std::string FileBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Holds an exclusive flock on `path` as a running sohoa would.
class HeldLock {
 public:
  explicit HeldLock(const fs::path& path) {
    fs::create_directories(path.parent_path());
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    locked_ = fd_ >= 0 && ::flock(fd_, LOCK_EX | LOCK_NB) == 0;
  }
  ~HeldLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool locked() const { return locked_; }

 private:
  int fd_ = -1;
  bool locked_ = false;
};

class BatchScheduleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = MakeTempDir("sohoa-schedule");
    in_ = root_ / "in";
    out_ = root_ / "out";
    fs::create_directories(in_);
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(root_);
  }
  CommandResult Run(const std::string& extra) {
    return RunSohoa("run " + ShellQuote(in_.string()) + " --out " + ShellQuote(out_.string()) +
                    " --jobs 2 " + extra);
  }
  nlohmann::json Report() { return nlohmann::json::parse(FileBytes(out_ / "sohoa-report.json")); }
  fs::path root_, in_, out_;
};

TEST_F(BatchScheduleTest, SecondRunOnOutputOrCatalogIsRefusedWithStatus4) {
  WriteSmallScan((in_ / "a.tif").string(), 1);
  {
    HeldLock running(out_ / ".sohoa.lock");
    ASSERT_TRUE(running.locked());
    CommandResult refused = Run("");
    EXPECT_EQ(refused.exit_status, 4) << refused.output;
    EXPECT_NE(refused.output.find("another sohoa run holds this lock"), std::string::npos)
        << refused.output;
    EXPECT_EQ(std::count(refused.output.begin(), refused.output.end(), '\n'), 1) << refused.output;
    EXPECT_FALSE(fs::exists(out_ / "catalog.sqlite"));
    EXPECT_FALSE(fs::exists(out_ / "a.pdf"));
  }
  fs::path shared_catalog = root_ / "shared.sqlite";
  HeldLock catalog_run(root_ / "shared.sqlite.lock");
  ASSERT_TRUE(catalog_run.locked());
  CommandResult refused = Run("--catalog " + ShellQuote(shared_catalog.string()));
  EXPECT_EQ(refused.exit_status, 4) << refused.output;
  EXPECT_FALSE(fs::exists(shared_catalog));
}

TEST_F(BatchScheduleTest, ConcurrentRealRunIsRefused) {
  for (int i = 0; i < 3; ++i)
    WriteSmallScan((in_ / ("doc" + std::to_string(i) + ".tif")).string(), 1);
  std::string first_command = ShellQuote(SOHOA_BINARY) + " run " + ShellQuote(in_.string()) +
                              " --out " + ShellQuote(out_.string()) + " --jobs 1";
  std::thread first([&] { EXPECT_EQ(RunCommand(first_command).exit_status, 0); });
  CommandResult status;
  for (int i = 0; i < 500; ++i) {
    status = RunSohoa("status --out " + ShellQuote(out_.string()));
    if (status.output.rfind("running", 0) == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(status.output.rfind("running: pid", 0), 0u) << status.output;
  CommandResult second = Run("");
  EXPECT_EQ(second.exit_status, 4) << second.output;
  first.join();
  CommandResult last = RunSohoa("status --out " + ShellQuote(out_.string()));
  EXPECT_NE(last.output.find("exit status 0; 3 done"), std::string::npos) << last.output;
}

TEST_F(BatchScheduleTest, MaxRuntimeStopsWithStatus3AndRerunFinishes) {
  for (int i = 0; i < 3; ++i)
    WriteSmallScan((in_ / ("doc" + std::to_string(i) + ".tif")).string(), 1);
  CommandResult stopped = Run("--max-runtime 1ms");
  EXPECT_EQ(stopped.exit_status, 3) << stopped.output;
  EXPECT_NE(stopped.output.find("stopped with work left"), std::string::npos) << stopped.output;
  EXPECT_EQ(Report()["exit_status"], 3);
  fs::path metrics = root_ / "metrics" / "sohoa.prom";
  CommandResult finished = Run("--deadline 23:59 --metrics " + ShellQuote(metrics.string()));
  // 23:59 may have just passed on a slow machine at midnight; then it means tomorrow.
  EXPECT_EQ(finished.exit_status, 0) << finished.output;
  EXPECT_EQ(Report()["documents"]["done"], 3);
  std::string prom = FileBytes(metrics);
  EXPECT_NE(prom.find("sohoa_run_documents{status=\"done\"} 3"), std::string::npos) << prom;
  EXPECT_NE(prom.find("sohoa_run_exit_status 0"), std::string::npos) << prom;
  int run_reports = 0;
  for (const auto& entry : fs::directory_iterator(out_ / ".sohoa" / "runs")) {
    run_reports += entry.path().extension() == ".json" ? 1 : 0;
  }
  EXPECT_GE(run_reports, 1);  // two runs within one second share a name
}

TEST_F(BatchScheduleTest, TimedOutPageIsImageOnlyAndFlagged) {
  WriteSmallScan((in_ / "slow.tif").string(), 1);
  CommandResult run = Run("--page-timeout 1ms");
  EXPECT_EQ(run.exit_status, 0) << run.output;
  nlohmann::json report = Report();
  EXPECT_EQ(report["pages_timed_out"], 1) << report.dump();
  ASSERT_EQ(report["needs_review"].size(), 1u) << report.dump();
  EXPECT_NE(report["needs_review"][0]["reason"].get<std::string>().find("timed out"),
            std::string::npos);
  EXPECT_EQ(RunCommand("pdftotext " + ShellQuote((out_ / "slow.pdf").string()) + " -")
                .output.find("hồ sơ"),
            std::string::npos);
  EXPECT_EQ(QueryNumber((out_ / "catalog.sqlite").string(),
                        "SELECT count(*) FROM pages WHERE needs_review = 1"),
            1);
}

TEST_F(BatchScheduleTest, BadInputsAreListedQuarantinedAndNeverStopTheBatch) {
  WriteSmallScan((in_ / "good.tif").string(), 1);
  fs::create_directories(in_ / "bad");
  std::ofstream(in_ / "bad" / "zero.jpg").close();
  std::ofstream(in_ / "bad" / "corrupt.png") << "\x89PNG\r\n\x1a\n but nothing else";
  std::string tiff = FileBytes(in_ / "good.tif");
  std::ofstream(in_ / "bad" / "truncated.tif", std::ios::binary) << tiff.substr(0, tiff.size() / 4);
  std::ofstream(in_ / "bad" / "plain.pdf")
      << "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]"
         "/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
         "trailer<</Root 1 0 R>>\n%%EOF\n";
  ASSERT_EQ(RunCommand("qpdf --encrypt user owner 256 -- " +
                       ShellQuote((in_ / "bad" / "plain.pdf").string()) + " " +
                       ShellQuote((in_ / "bad" / "locked.pdf").string()))
                .exit_status,
            3);  // qpdf: 3 = warnings (the hand-made file had no xref table), file written
  fs::remove(in_ / "bad" / "plain.pdf");
  // A real scan named .txt-like is still read by its bytes; one too big is refused.
  cv::Mat huge(3000, 2000, CV_8UC1, cv::Scalar(255));
  cv::imwrite((in_ / "bad" / "huge.png").string(), huge);
  fs::path quarantine = root_ / "quarantine";

  CommandResult run = Run("--max-megapixels 5 --quarantine " + ShellQuote(quarantine.string()));
  EXPECT_EQ(run.exit_status, 1) << run.output;
  for (const char* bad : {"zero.jpg", "corrupt.png", "truncated.tif", "locked.pdf", "huge.png"}) {
    EXPECT_NE(run.output.find(std::string("bad/") + bad + ":"), std::string::npos) << bad << "\n"
                                                                                   << run.output;
    EXPECT_TRUE(fs::exists(quarantine / "bad" / bad)) << bad;
    EXPECT_TRUE(fs::exists(in_ / "bad" / bad)) << "original kept: " << bad;
  }
  EXPECT_TRUE(fs::exists(out_ / "good.pdf"));
  EXPECT_EQ(Report()["failures"].size(), 5u);

  fs::remove(in_ / "good.tif");
  CommandResult all_bad =
      RunSohoa("run " + ShellQuote((in_ / "bad").string()) + " --out " +
               ShellQuote((root_ / "out2").string()) + " --quiet --max-megapixels 5");
  EXPECT_EQ(all_bad.exit_status, 6) << all_bad.output;
}

TEST_F(BatchScheduleTest, MoveDoneMovesOriginalsOnlyWhenDone) {
  fs::create_directories(in_ / "thư mục" / "sâu");
  WriteSmallScan((in_ / "thư mục" / "sâu" / "hồ sơ 1.tif").string(), 1);
  std::ofstream(in_ / "broken.jpg") << "not a jpeg";
  fs::path done = root_ / "done";
  CommandResult run = Run("--move-done " + ShellQuote(done.string()));
  EXPECT_EQ(run.exit_status, 1) << run.output;
  EXPECT_TRUE(fs::exists(done / "thư mục" / "sâu" / "hồ sơ 1.tif")) << run.output;
  EXPECT_FALSE(fs::exists(in_ / "thư mục" / "sâu" / "hồ sơ 1.tif"));
  EXPECT_TRUE(fs::exists(in_ / "broken.jpg"));
  EXPECT_TRUE(fs::exists(out_ / "thư mục" / "sâu" / "hồ sơ 1.pdf"));
}

TEST_F(BatchScheduleTest, UnwritableOutputIsEnvironmentStatus5) {
  WriteSmallScan((in_ / "a.tif").string(), 1);
  fs::create_directories(out_);
  if (::geteuid() == 0) {
    // root writes through permissions: use a read-only bind mount when allowed.
    if (RunCommand("mount --bind -o ro " + ShellQuote(out_.string()) + " " +
                   ShellQuote(out_.string()))
            .exit_status != 0) {
      GTEST_SKIP() << "running as root without mount rights";
    }
    RunCommand("mount -o remount,ro,bind " + ShellQuote(out_.string()));
  } else {
    fs::permissions(out_, fs::perms::owner_read | fs::perms::owner_exec);
  }
  CommandResult run = Run("");
  if (::geteuid() == 0) RunCommand("umount " + ShellQuote(out_.string()));
  fs::permissions(out_, fs::perms::owner_all);
  EXPECT_EQ(run.exit_status, 5) << run.output;
  EXPECT_NE(run.output.find("output folder is not writable"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace sohoa::testing
