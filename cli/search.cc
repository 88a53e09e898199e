// `sohoa search QUERY... [--catalog PATH] [--limit N] [--json]`: ranked page hits.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "index/catalog.h"

namespace sohoa::cli {
namespace {

struct SearchOptions {
  std::vector<std::string> query_words;
  std::string catalog_path = "catalog.sqlite";
  int limit = 10;
  bool json = false;
};

nlohmann::json MetaToJson(const index::DocumentMeta& meta) {
  return {{"number", meta.number}, {"symbol", meta.symbol}, {"date", meta.date},
          {"type", meta.type},     {"agency", meta.agency}, {"subject", meta.subject},
          {"place", meta.place},   {"signer", meta.signer}, {"person_name", meta.person_name}};
}

nlohmann::json HitToJson(const index::SearchHit& hit) {
  nlohmann::json boxes = nlohmann::json::array();
  for (const PixelBox& box : hit.boxes) {
    boxes.push_back({box.left, box.top, box.right, box.bottom});
  }
  return {{"input", hit.input_path},      {"pdf", hit.output_path}, {"page", hit.page},
          {"score", hit.score},           {"match", hit.match},     {"snippet", hit.snippet},
          {"meta", MetaToJson(hit.meta)}, {"boxes", boxes}};
}

void PrintHuman(const std::vector<index::SearchHit>& hits) {
  for (size_t i = 0; i < hits.size(); ++i) {
    const index::SearchHit& hit = hits[i];
    std::printf("%zu. %s  page %d  score %.3f (%s)\n", i + 1, hit.input_path.c_str(), hit.page,
                hit.score, hit.match.c_str());
    if (!hit.output_path.empty()) std::printf("   pdf: %s\n", hit.output_path.c_str());
    const index::DocumentMeta& meta = hit.meta;
    if (!meta.empty()) {
      std::string line = meta.type;
      if (!meta.number.empty())
        line += (line.empty() ? "" : " ") + std::string("số ") + meta.number;
      if (!meta.date.empty()) line += " (" + meta.date + ")";
      if (!meta.agency.empty()) line += " — " + meta.agency;
      if (!meta.person_name.empty()) line += " " + meta.person_name;
      std::printf("   %s\n", line.c_str());
      if (!meta.subject.empty()) std::printf("   %s\n", meta.subject.c_str());
    }
    std::printf("   %s\n", hit.snippet.c_str());
  }
  if (hits.empty()) std::printf("no hits\n");
}

int RunSearch(const SearchOptions& options) {
  std::string query;
  for (const std::string& word : options.query_words) {
    if (!query.empty()) query += ' ';
    query += word;
  }
  if (!std::filesystem::exists(options.catalog_path)) {
    std::fprintf(stderr, "sohoa search: no catalog at %s\n", options.catalog_path.c_str());
    return kExitEnvironment;
  }
  Result<std::unique_ptr<index::Catalog>> catalog = index::OpenSqliteCatalog(options.catalog_path);
  if (!catalog.ok()) {
    std::fprintf(stderr, "sohoa search: %s\n", catalog.status().ToString().c_str());
    return kExitEnvironment;
  }
  Result<std::vector<index::SearchHit>> hits = (*catalog)->Search(query, options.limit);
  if (!hits.ok()) {
    std::fprintf(stderr, "sohoa search: %s\n", hits.status().ToString().c_str());
    return hits.status().code() == StatusCode::kInvalidInput ? kExitUsage : kExitEnvironment;
  }
  if (options.json) {
    for (const index::SearchHit& hit : *hits) {
      std::printf(
          "%s\n",
          HitToJson(hit).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    }
  } else {
    PrintHuman(*hits);
  }
  return kExitOk;
}

}  // namespace

void RegisterSearchCommand(CLI::App& app, int* exit_status) {
  auto options = std::make_shared<SearchOptions>();
  CLI::App* command = app.add_subcommand(
      "search",
      "Search the catalog. Words must all match; \"phrases\", a OR b, -word, pre*, and the "
      "filters type: agency: number: collection: from:YYYY-MM-DD to:YYYY-MM-DD. Words typed "
      "without diacritics match any accents.");
  command->add_option("query", options->query_words, "query words")->required();
  command->add_option("--catalog", options->catalog_path, "catalog file")->capture_default_str();
  command->add_option("--limit", options->limit, "maximum number of hits")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  command->add_flag("--json", options->json, "one JSON object per hit per line");
  command->callback([options, exit_status] { *exit_status = RunSearch(*options); });
}

}  // namespace sohoa::cli
