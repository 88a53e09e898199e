// `sohoa catalog stats|optimize|rebuild [--catalog PATH]`: maintenance of the catalog file.
#include "index/catalog.h"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "cli/commands.h"

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
  CLI::App* rebuild =
      command->add_subcommand("rebuild", "Rebuild the catalog from the output folder");
  add_catalog_option(rebuild);
  rebuild->callback([exit_status] {
    std::fprintf(stderr, "sohoa catalog rebuild: not yet implemented\n");
    *exit_status = kExitEnvironment;
  });
}

}  // namespace sohoa::cli
