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

// Stamp fields appear twice: by name with their value ("received_number": "2352"), and in
// "fields" with their confidence and source.
nlohmann::json MetaToJson(const index::DocumentMeta& meta,
                          const std::vector<index::MetaField>& fields) {
  nlohmann::json json = {{"number", meta.number},   {"symbol", meta.symbol},
                         {"date", meta.date},       {"type", meta.type},
                         {"agency", meta.agency},   {"agency_parent", meta.agency_parent},
                         {"subject", meta.subject}, {"place", meta.place},
                         {"signer", meta.signer},   {"person_name", meta.person_name}};
  nlohmann::json listed = nlohmann::json::array();
  for (const index::MetaField& field : fields) {
    if (!json.contains(field.name)) json[field.name] = field.value;
    listed.push_back({{"name", field.name},
                      {"value", field.value},
                      {"confidence", field.confidence},
                      {"source", field.source}});
  }
  json["fields"] = std::move(listed);
  return json;
}

// `pdf#page=N` opens the hit's page in PDF viewers (RFC 8118 fragment).
std::string PageLink(const index::SearchHit& hit) {
  if (hit.output_path.empty()) return {};
  return hit.output_path + "#page=" + std::to_string(hit.page);
}

nlohmann::json HitToJson(const index::SearchHit& hit, int rank,
                         const std::vector<index::MetaField>& fields) {
  nlohmann::json boxes = nlohmann::json::array();
  for (const PixelBox& box : hit.boxes) {
    boxes.push_back({box.left, box.top, box.right, box.bottom});
  }
  return {{"rank", rank},       {"input", hit.input_path}, {"pdf", hit.output_path},
          {"page", hit.page},   {"link", PageLink(hit)},   {"score", hit.score},
          {"match", hit.match}, {"snippet", hit.snippet},  {"meta", MetaToJson(hit.meta, fields)},
          {"boxes", boxes}};
}

// "QUYẾT ĐỊNH số 15/QĐ-UBND ngày 2024-03-05 — SỞ NỘI VỤ", or empty without metadata.
std::string MetaLine(const index::DocumentMeta& meta) {
  std::string line = meta.type;
  auto append = [&line](const std::string& text) {
    if (!line.empty()) line += ' ';
    line += text;
  };
  if (!meta.number.empty()) append("số " + meta.number);
  if (!meta.date.empty()) append("ngày " + meta.date);
  if (!meta.agency.empty()) append("— " + meta.agency);
  if (!meta.person_name.empty()) append("(" + meta.person_name + ")");
  return line;
}

void PrintHuman(const std::vector<index::SearchHit>& hits) {
  for (size_t i = 0; i < hits.size(); ++i) {
    const index::SearchHit& hit = hits[i];
    std::printf("%zu. [%.3f %s] %s — page %d\n", i + 1, hit.score, hit.match.c_str(),
                hit.input_path.c_str(), hit.page);
    const std::string meta = MetaLine(hit.meta);
    if (!meta.empty()) std::printf("   %s\n", meta.c_str());
    if (!hit.meta.subject.empty()) std::printf("   %s\n", hit.meta.subject.c_str());
    std::printf("   %s\n", hit.snippet.c_str());
    const std::string link = PageLink(hit);
    if (!link.empty()) std::printf("   %s\n", link.c_str());
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
    for (size_t i = 0; i < hits->size(); ++i) {
      index::SearchHit& hit = (*hits)[i];
      Result<std::vector<PixelBox>> boxes = (*catalog)->MatchBoxes(query, hit);
      if (boxes.ok()) hit.boxes = std::move(*boxes);
      // A catalog without stored fields shows none rather than failing the search.
      Result<std::vector<index::MetaField>> fields =
          (*catalog)->SectionFields(hit.input_path, hit.page);
      const nlohmann::json json = HitToJson(
          hit, static_cast<int>(i) + 1, fields.ok() ? *fields : std::vector<index::MetaField>{});
      std::printf("%s\n",
                  json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
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
