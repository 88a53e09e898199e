#include <dlfcn.h>
#include <gtest/gtest.h>
#include <omp.h>
#include <tesseract/baseapi.h>

#include <algorithm>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/testing/elf_symbols.h"

namespace sohoa::ocr {
namespace {

const std::set<std::string> kInlineEntryPoints = {"GOMP_parallel", "GOMP_parallel_sections",
                                                  "GOMP_sections_end_nowait", "GOMP_sections_next"};

// The libgomp entry points an ELF file's dynamic symbol table imports (`defined` false) or
// exports (true).
std::set<std::string> LibgompSymbols(const std::string& path, bool defined) {
  return testing::DynamicSymbols(path, "GOMP_", defined);
}

// What libtesseract binds to: the dynamic linker looks in the executable first.
TEST(InlineOpenMpTest, TheExecutablesDefinitionsAreTheOnesLibrariesBindTo) {
  // This test binary, known by a function of its own.
  Dl_info executable{};
  ASSERT_NE(dladdr(reinterpret_cast<void*>(&LibgompSymbols), &executable), 0);
  for (const std::string& name : kInlineEntryPoints) {
    Dl_info bound{};
    ASSERT_NE(dladdr(dlsym(RTLD_DEFAULT, name.c_str()), &bound), 0) << name;
    EXPECT_EQ(bound.dli_fbase, executable.dli_fbase) << name << " binds to " << bound.dli_fname;
  }
}

// A libgomp entry point the executable does not define would run on libgomp's own state
// (an orphaned `sections` started there would hand out nothing through GOMP_sections_next):
// a Tesseract that imports another one needs it added to inline_regions.cc.
TEST(InlineOpenMpTest, EveryLibgompEntryPointTesseractImportsIsDefinedInline) {
  Dl_info tesseract{};
  ASSERT_NE(dladdr(reinterpret_cast<void*>(&tesseract::TessBaseAPI::Version), &tesseract), 0);
  EXPECT_EQ(LibgompSymbols(tesseract.dli_fname, /*defined=*/false), kInlineEntryPoints);
}

// The sohoa executable exports them, where the dynamic linker finds them first.
TEST(InlineOpenMpTest, TheSohoaExecutableExportsThem) {
  EXPECT_EQ(LibgompSymbols(SOHOA_BINARY, /*defined=*/true), kInlineEntryPoints);
}

// omp_get_level() counts the regions libgomp has entered, a team of one included: zero
// inside means the region never went through libgomp's team and barrier.
TEST(InlineOpenMpTest, AParallelLoopRunsEveryIterationOnceInOrderOnTheCallingThread) {
  const std::thread::id caller = std::this_thread::get_id();
  std::vector<int> order;
  bool on_caller = true;
  int widest_team = 0;
  int deepest_level = 0;
#pragma omp parallel for num_threads(4)
  for (int i = 0; i < 8; ++i) {
    order.push_back(i);
    on_caller = on_caller && std::this_thread::get_id() == caller;
    widest_team = std::max(widest_team, omp_get_num_threads());
    deepest_level = std::max(deepest_level, omp_get_level());
  }
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_TRUE(on_caller);
  EXPECT_EQ(widest_team, 1);
  EXPECT_EQ(deepest_level, 0);
}

TEST(InlineOpenMpTest, SectionsRunOnceEachInOrderAndNestedOnesDoNotDisturbTheOuter) {
  std::vector<int> order;
#pragma omp parallel sections num_threads(4)
  {
#pragma omp section
    order.push_back(1);
#pragma omp section
    {
      order.push_back(2);
#pragma omp parallel sections num_threads(2)
      {
#pragma omp section
        order.push_back(21);
#pragma omp section
        order.push_back(22);
      }
    }
#pragma omp section
    order.push_back(3);
  }
  EXPECT_EQ(order, (std::vector<int>{1, 2, 21, 22, 3}));
}

// Two threads at once, as the pipeline's workers call Tesseract: neither sees the other's
// sections.
TEST(InlineOpenMpTest, ThreadsRunningSectionsAtOnceKeepTheirOwn) {
  auto run = [](std::vector<int>* order) {
    for (int round = 0; round < 2000; ++round) {
#pragma omp parallel sections
      {
#pragma omp section
        order->push_back(1);
#pragma omp section
        order->push_back(2);
      }
    }
  };
  std::vector<int> first, second;
  std::thread worker(run, &first);
  run(&second);
  worker.join();
  std::vector<int> expected;
  for (int round = 0; round < 2000; ++round) expected.insert(expected.end(), {1, 2});
  EXPECT_EQ(first, expected);
  EXPECT_EQ(second, expected);
}

}  // namespace
}  // namespace sohoa::ocr
