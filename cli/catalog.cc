// `sohoa catalog stats|optimize [--catalog PATH]`, `sohoa catalog rebuild --out DIR
// [--catalog PATH]` and `sohoa catalog correct`: maintenance of the catalog file.
#include "index/catalog.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "pipeline/rebuild.h"
#include "pipeline/run_lock.h"

namespace sohoa::cli {
namespace {

Result<std::unique_ptr<index::Catalog>> OpenExisting(const std::string& path) {
  if (!std::filesystem::exists(path)) return NotFound("no catalog at " + path);
  return index::OpenSqliteCatalog(path);
}

int RunStats(const std::string& path) {
  Result<std::unique_ptr<index::Catalog>> catalog = OpenExisting(path);
  if (!catalog.ok()) {
    std::fprintf(stderr, "sohoa catalog stats: %s\n", catalog.status().ToString().c_str());
    return kExitEnvironment;
  }
  Result<index::CatalogStats> stats = (*catalog)->Stats();
  if (!stats.ok()) {
    std::fprintf(stderr, "sohoa catalog stats: %s\n", stats.status().ToString().c_str());
    return kExitEnvironment;
  }
  std::printf("documents: %ld\nfailed documents: %ld\npages: %ld\npages needing review: %ld\n",
              stats->documents, stats->failed_documents, stats->pages, stats->pages_needing_review);
  return kExitOk;
}

int RunOptimize(const std::string& path) {
  Result<std::unique_ptr<index::Catalog>> catalog = OpenExisting(path);
  Status status = catalog.ok() ? (*catalog)->Optimize() : catalog.status();
  if (!status.ok()) {
    std::fprintf(stderr, "sohoa catalog optimize: %s\n", status.ToString().c_str());
    return status.code() == StatusCode::kResourceLimit ? kExitLocked : kExitEnvironment;
  }
  std::printf("optimized %s\n", path.c_str());
  return kExitOk;
}

// The PDFs are the source of truth: their XMP and text layer give back every catalog row.
int RunRebuild(const std::string& output_dir, std::string catalog_path) {
  const std::filesystem::path out(output_dir);
  if (!std::filesystem::is_directory(out)) {
    std::fprintf(stderr, "sohoa catalog rebuild: no output folder at %s\n", output_dir.c_str());
    return kExitUsage;
  }
  if (catalog_path.empty()) catalog_path = (out / "catalog.sqlite").string();
  // The same lock as `sohoa run`: a run writing this folder would race the rebuild.
  Result<pipeline::RunLock> lock = pipeline::RunLock::Acquire(out / ".sohoa.lock");
  if (!lock.ok()) {
    std::fprintf(stderr, "sohoa catalog rebuild: %s\n", lock.status().ToString().c_str());
    return lock.status().code() == StatusCode::kCancelled ? kExitLocked : kExitEnvironment;
  }
  Result<std::unique_ptr<index::Catalog>> catalog = index::OpenSqliteCatalog(catalog_path);
  if (!catalog.ok()) {
    std::fprintf(stderr, "sohoa catalog rebuild: %s\n", catalog.status().ToString().c_str());
    return kExitEnvironment;
  }
  Result<pipeline::RebuildReport> report = pipeline::RebuildCatalog(out, catalog->get());
  if (!report.ok()) {
    std::fprintf(stderr, "sohoa catalog rebuild: %s\n", report.status().ToString().c_str());
    return kExitEnvironment;
  }
  for (const std::string& skipped : report->skipped) {
    std::fprintf(stderr, "skipped %s\n", skipped.c_str());
  }
  std::printf("rebuilt %s: %d documents, %d pages from %s (%zu PDFs skipped)\n",
              catalog_path.c_str(), report->documents, report->pages, output_dir.c_str(),
              report->skipped.size());
  return kExitOk;
}

struct Correction {
  std::string input;
  int page = 1;
  std::string field;
  std::string value;
};

// A document date is a calendar day, yyyy-mm-dd, like every date the catalog stores.
bool IsIsoDate(const std::string& value) {
  int year = 0, month = 0, day = 0;
  char tail = 0;
  if (value.size() != 10 ||
      std::sscanf(value.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3) {
    return false;
  }
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month),
                                         std::chrono::day(day)};
  return date.ok();
}

int RunCorrect(const std::string& path, const Correction& correction) {
  if (correction.field == "date" && !IsIsoDate(correction.value)) {
    std::fprintf(stderr, "sohoa catalog correct: date '%s' is not a day written yyyy-mm-dd\n",
                 correction.value.c_str());
    return kExitUsage;
  }
  Result<std::unique_ptr<index::Catalog>> catalog = OpenExisting(path);
  Status status = catalog.ok() ? (*catalog)->CorrectField(correction.input, correction.page,
                                                          correction.field, correction.value)
                               : catalog.status();
  if (!status.ok()) {
    std::fprintf(stderr, "sohoa catalog correct: %s\n", status.ToString().c_str());
    const StatusCode code = status.code();
    return code == StatusCode::kNotFound || code == StatusCode::kInvalidInput ? kExitUsage
                                                                              : kExitEnvironment;
  }
  std::printf("%s, page %d: %s = %s (corrected)\n", correction.input.c_str(), correction.page,
              correction.field.c_str(), correction.value.c_str());
  return kExitOk;
}

}  // namespace

void RegisterCatalogCommand(CLI::App& app, int* exit_status) {
  auto catalog_path = std::make_shared<std::string>("catalog.sqlite");
  CLI::App* command = app.add_subcommand("catalog", "Inspect and maintain the catalog");
  command->require_subcommand(1);
  auto add_catalog_option = [catalog_path](CLI::App* sub) {
    sub->add_option("--catalog", *catalog_path, "catalog file")->capture_default_str();
  };
  CLI::App* stats = command->add_subcommand("stats", "Counts of documents and pages");
  add_catalog_option(stats);
  stats->callback([catalog_path, exit_status] { *exit_status = RunStats(*catalog_path); });
  CLI::App* optimize =
      command->add_subcommand("optimize", "Merge index segments and checkpoint the journal");
  add_catalog_option(optimize);
  optimize->callback([catalog_path, exit_status] { *exit_status = RunOptimize(*catalog_path); });
  CLI::App* rebuild = command->add_subcommand(
      "rebuild",
      "Recreate the catalog from the searchable PDFs of an output folder (no OCR): their XMP "
      "and text layer");
  auto output_dir = std::make_shared<std::string>();
  auto rebuild_catalog = std::make_shared<std::string>();
  rebuild->add_option("--out", *output_dir, "output folder of `sohoa run`")->required();
  rebuild->add_option("--catalog", *rebuild_catalog, "catalog file (default: OUT/catalog.sqlite)");
  rebuild->callback([output_dir, rebuild_catalog, exit_status] {
    *exit_status = RunRebuild(*output_dir, *rebuild_catalog);
  });
  CLI::App* correct = command->add_subcommand(
      "correct",
      "Store a value checked by a person (a document's number, date, type, ...) for the "
      "document section a page belongs to; kept when the same file is stored again");
  add_catalog_option(correct);
  auto correction = std::make_shared<Correction>();
  correct->add_option("--input", correction->input, "input path as the catalog lists it")
      ->required();
  correct->add_option("--page", correction->page, "a page of the document section (1-based)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  correct->add_option("--field", correction->field, "number, date, type, agency, ... or any field")
      ->required();
  correct->add_option("--value", correction->value, "the right value (dates yyyy-mm-dd)")
      ->required();
  correct->callback([catalog_path, correction, exit_status] {
    *exit_status = RunCorrect(*catalog_path, *correction);
  });
}

}  // namespace sohoa::cli
