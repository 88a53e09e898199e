// Catalog build rate and search latency on generated, corpus-like pages.
//
//   sohoa_catalog_bench --db PATH --pages N --vocab-dir DIR [--queries Q] [--words-per-page W]
//
// Page text is drawn from the words of the text files in DIR (e.g. a corpus's truth/), with
// their natural frequencies, in runs of consecutive source words so that phrases occur as they
// do in real documents. Two pages per document. Queries are two adjacent source words.
// Prints "build_pages_per_s=... p50_ms=... p95_ms=... ..." (one line, key=value); near= counts
// the queries that fell through to the near-match tier.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "index/catalog.h"

namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> ReadWords(const std::filesystem::path& dir) {
  std::vector<std::string> words;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt") files.push_back(entry);
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in(file);
    std::string word;
    while (in >> word) words.push_back(word);
  }
  return words;
}

sohoa::PageText MakePage(const std::vector<std::string>& words, int word_count,
                         std::mt19937& random) {
  sohoa::PageText page;
  page.width_px = 2480;
  page.height_px = 3508;
  std::uniform_int_distribution<size_t> start(0, words.size() - 1);
  sohoa::TextLine line;
  size_t at = start(random);
  for (int i = 0; i < word_count; ++i) {
    if (i % 40 == 0) at = start(random);  // a new run of source text
    sohoa::Word word;
    word.text = words[at++ % words.size()];
    word.box = {100 + 60 * (i % 12), 100 + 40 * (i / 12), 150 + 60 * (i % 12), 130 + 40 * (i / 12)};
    word.confidence = 90;
    line.words.push_back(std::move(word));
    if (line.words.size() == 12) page.lines.push_back(std::move(line)), line = {};
  }
  if (!line.words.empty()) page.lines.push_back(std::move(line));
  page.quality.word_count = word_count;
  page.quality.mean_confidence = 90;
  return page;
}

double Percentile(std::vector<double> values, double share) {
  std::sort(values.begin(), values.end());
  const size_t index = std::min(values.size() - 1, static_cast<size_t>(share * values.size()));
  return values[index];
}

}  // namespace

int main(int argc, char** argv) {
  std::string db_path, vocab_dir;
  long target_pages = 10000;
  int query_count = 200, words_per_page = 300;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i], value = argv[i + 1];
    if (key == "--db")
      db_path = value;
    else if (key == "--pages")
      target_pages = std::stol(value);
    else if (key == "--vocab-dir")
      vocab_dir = value;
    else if (key == "--queries")
      query_count = std::stoi(value);
    else if (key == "--words-per-page")
      words_per_page = std::stoi(value);
  }
  if (db_path.empty() || vocab_dir.empty()) {
    std::fprintf(stderr, "usage: %s --db PATH --pages N --vocab-dir DIR [--queries Q]\n", argv[0]);
    return 2;
  }
  const std::vector<std::string> words = ReadWords(vocab_dir);
  if (words.size() < 100) {
    std::fprintf(stderr, "too few words in %s\n", vocab_dir.c_str());
    return 2;
  }
  auto catalog = sohoa::index::OpenSqliteCatalog(db_path);
  if (!catalog.ok()) {
    std::fprintf(stderr, "%s\n", catalog.status().ToString().c_str());
    return 1;
  }
  auto stats = (*catalog)->Stats();
  long pages = stats.ok() ? stats->pages : 0;
  std::mt19937 random(42);
  const auto build_start = Clock::now();
  const std::clock_t build_cpu_start = std::clock();
  long built = 0;
  for (long doc = pages / 2; pages < target_pages; ++doc) {
    std::vector<sohoa::PageText> doc_pages = {MakePage(words, words_per_page, random),
                                              MakePage(words, words_per_page, random)};
    sohoa::index::DocumentRecord record;
    record.input_path = "/bench/doc" + std::to_string(doc) + ".tif";
    record.output_path = "/bench/out/doc" + std::to_string(doc) + ".pdf";
    record.sha256 = std::to_string(doc);
    record.page_count = 2;
    record.status = "done";
    sohoa::index::MetadataSection section;
    section.first_page = 1;
    section.last_page = 2;
    auto status = (*catalog)->PutDocument(record, doc_pages, {section});
    if (!status.ok()) {
      std::fprintf(stderr, "PutDocument: %s\n", status.ToString().c_str());
      return 1;
    }
    pages += 2;
    built += 2;
  }
  const double build_seconds = std::chrono::duration<double>(Clock::now() - build_start).count();
  const double build_cpu_seconds =
      static_cast<double>(std::clock() - build_cpu_start) / CLOCKS_PER_SEC;
  if (built > 0) (void)(*catalog)->Optimize();

  // CPU time is reported next to wall time: on a loaded machine it is the steadier number.
  std::vector<double> latencies_ms, cpu_ms;
  long total_hits = 0, empty = 0, near = 0;
  // Its own generator: the same queries whether or not this run built pages.
  std::mt19937 query_random(7);
  std::uniform_int_distribution<size_t> pick(0, words.size() - 2);
  for (int q = 0; q < query_count; ++q) {
    const size_t at = pick(query_random);
    const std::string query = words[at] + " " + words[at + 1];
    const auto start = Clock::now();
    const std::clock_t cpu_start = std::clock();
    auto hits = (*catalog)->Search(query, 20);
    cpu_ms.push_back(1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC);
    latencies_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (!hits.ok()) continue;
    total_hits += static_cast<long>(hits->size());
    if (hits->empty()) ++empty;
    if (!hits->empty() && hits->back().match == "near") ++near;
  }
  // The near tier's cost: the same kind of queries with one letter added to the second word,
  // so that exact and folded tiers find (almost) nothing and the one-edit lookups run.
  std::vector<double> garbled_cpu_ms;
  long garbled_near = 0;
  for (int q = 0; q < query_count / 3; ++q) {
    const size_t at = pick(query_random);
    const std::string query = words[at] + " " + words[at + 1] + "q";
    const std::clock_t cpu_start = std::clock();
    auto hits = (*catalog)->Search(query, 20);
    garbled_cpu_ms.push_back(1000.0 * static_cast<double>(std::clock() - cpu_start) /
                             CLOCKS_PER_SEC);
    if (hits.ok() && !hits->empty() && hits->back().match == "near") ++garbled_near;
  }
  if (garbled_cpu_ms.empty()) garbled_cpu_ms.push_back(0);
  std::printf(
      "garbled_queries=%zu garbled_near=%ld garbled_p50_cpu_ms=%.2f garbled_p95_cpu_ms=%.2f "
      "garbled_max_cpu_ms=%.2f ",
      garbled_cpu_ms.size(), garbled_near, Percentile(garbled_cpu_ms, 0.5),
      Percentile(garbled_cpu_ms, 0.95),
      *std::max_element(garbled_cpu_ms.begin(), garbled_cpu_ms.end()));
  std::printf(
      "pages=%ld built=%ld build_s=%.1f build_pages_per_s=%.0f build_cpu_pages_per_s=%.0f "
      "queries=%d p50_ms=%.2f p95_ms=%.2f max_ms=%.2f p50_cpu_ms=%.2f p90_cpu_ms=%.2f "
      "p95_cpu_ms=%.2f p99_cpu_ms=%.2f empty=%ld near=%ld hits_per_query=%.1f db_mb=%.1f\n",
      pages, built, build_seconds, built > 0 ? built / build_seconds : 0.0,
      built > 0 ? built / build_cpu_seconds : 0.0, query_count, Percentile(latencies_ms, 0.5),
      Percentile(latencies_ms, 0.95), *std::max_element(latencies_ms.begin(), latencies_ms.end()),
      Percentile(cpu_ms, 0.5), Percentile(cpu_ms, 0.9), Percentile(cpu_ms, 0.95),
      Percentile(cpu_ms, 0.99), empty, near, static_cast<double>(total_hits) / query_count,
      std::filesystem::file_size(db_path) / 1e6);
  return 0;
}
